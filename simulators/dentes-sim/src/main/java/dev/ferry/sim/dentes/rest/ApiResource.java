package dev.ferry.sim.dentes.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.dentes.config.RuntimeSettings;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import dev.ferry.sim.dentes.service.FaultInjector;
import dev.ferry.sim.dentes.service.PracticeService;
import dev.ferry.sim.dentes.service.RequestStats;
import dev.ferry.sim.dentes.store.ResourceStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The Dr.DENTES API as the source contract fixes it: bearer auth, page/per_page with meta, updated_since (inclusive)
 * in (updated_at, id) order, include_deleted, single reads, attachment content, and injected faults.
 */
@Path("/api/v1")
public class ApiResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    PracticeService practice;

    @Inject
    dev.ferry.sim.dentes.service.SettingsService settings;

    @Inject
    FaultInjector faults;

    @Inject
    RequestStats stats;

    @GET
    @Path("{resource}")
    public Response list(@PathParam("resource") String resource, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                         @QueryParam("page") String page, @QueryParam("per_page") String perPage,
                         @QueryParam("updated_since") String updatedSince,
                         @QueryParam("include_deleted") String includeDeleted, @QueryParam("sort") String sort) {
        return counted(resource, () -> listOf(resource, auth, page, perPage, updatedSince, includeDeleted, sort));
    }

    @GET
    @Path("custom-modules/{key}/records")
    public Response moduleRecords(@PathParam("key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                                  @QueryParam("page") String page, @QueryParam("per_page") String perPage,
                                  @QueryParam("updated_since") String updatedSince,
                                  @QueryParam("include_deleted") String includeDeleted, @QueryParam("sort") String sort) {
        String resource = DatasetLayout.moduleRecordsResource(key);
        return counted(resource, () -> listOf(resource, auth, page, perPage, updatedSince, includeDeleted, sort));
    }

    @GET
    @Path("{resource}/{id}")
    public Response one(@PathParam("resource") String resource, @PathParam("id") String id,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                        @QueryParam("include_deleted") String includeDeleted) {
        return counted(resource, () -> oneOf(resource, id, auth, includeDeleted));
    }

    @GET
    @Path("custom-modules/{key}/records/{id}")
    public Response moduleRecord(@PathParam("key") String key, @PathParam("id") String id,
                                 @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                                 @QueryParam("include_deleted") String includeDeleted) {
        String resource = DatasetLayout.moduleRecordsResource(key);
        return counted(resource, () -> oneOf(resource, id, auth, includeDeleted));
    }

    @GET
    @Path("attachments/{id}/content")
    public Response content(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String auth,
                            @QueryParam("include_deleted") String includeDeleted) {
        return counted("attachments/content", () -> {
            Optional<Response> refused = guard("attachments", auth, null, null);
            if (refused.isPresent()) {
                return refused.get();
            }
            Boolean withDeleted = parseBoolean(includeDeleted);
            if (withDeleted == null) {
                return ApiErrors.badRequest("include_deleted must be true or false");
            }
            return practice.read(store -> {
                ResourceStore rs = store.resource("attachments").orElseThrow();
                int slot = rs.slotOf(id);
                if (slot < 0 || (rs.isDeleted(slot) && !withDeleted)) {
                    return ApiErrors.notFound("No attachment " + id);
                }
                JsonNode meta = json(rs.line(slot));
                Optional<java.nio.file.Path> file = store.attachmentContent(id);
                if (file.isEmpty()) {
                    return ApiErrors.of(404, "CONTENT_NOT_FOUND", "Attachment " + id + " has no stored content");
                }
                String type = meta.path("content_type").asText("application/octet-stream");
                String name = meta.path("file_name").asText(id);
                return Response.ok(file.get().toFile(), type)
                        .header("Content-Disposition", "attachment; filename*=UTF-8''"
                                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                        .build();
            });
        });
    }

    // ---------------------------------------------------------------- the work

    private Response listOf(String resource, String auth, String pageParam, String perPageParam, String since,
                            String includeDeletedParam, String sort) {
        Optional<Response> refused = guard(resource, auth, resource + ":" + (pageParam == null ? "1" : pageParam),
                resource + "?page=" + pageParam + "&per_page=" + perPageParam + "&updated_since=" + since
                        + "&include_deleted=" + includeDeletedParam);
        if (refused.isPresent()) {
            return refused.get();
        }
        RuntimeSettings s = settings.current();
        Long page = parsePositive(pageParam, 1);
        if (page == null) {
            return ApiErrors.badRequest("page must be a positive integer");
        }
        Long perPageAsked = parsePositive(perPageParam, s.defaultPerPage);
        if (perPageAsked == null) {
            return ApiErrors.badRequest("per_page must be a positive integer");
        }
        if (perPageAsked > s.maxPerPage && "REJECT".equals(s.perPageOverMax)) {
            return ApiErrors.badRequest("per_page must be at most " + s.maxPerPage);
        }
        int perPage = (int) Math.min(perPageAsked, s.maxPerPage);
        Long sinceMillis = parseSince(since);
        if (sinceMillis == null) {
            return ApiErrors.badRequest("updated_since must be an ISO-8601 instant with offset, e.g. 2024-01-31T09:00:00+03:00");
        }
        Boolean includeDeleted = parseBoolean(includeDeletedParam);
        if (includeDeleted == null) {
            return ApiErrors.badRequest("include_deleted must be true or false");
        }
        if (sort != null && !sort.equals("updated_at")) {
            return ApiErrors.badRequest("sort supports only updated_at (ascending, ties broken by id)");
        }
        return practice.read(store -> {
            Optional<ResourceStore> rs = store.resource(resource);
            if (rs.isEmpty()) {
                return ApiErrors.notFound("Unknown resource " + resource);
            }
            ResourceStore.PageSlice slice = rs.get().page(sinceMillis, includeDeleted, page, perPage);
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 + slice.slots().size() * 700);
            try {
                out.write("{\"data\":[".getBytes(StandardCharsets.US_ASCII));
                rs.get().writeLines(slice.slots(), out);
                long totalPages = (slice.total() + perPage - 1) / perPage;
                out.write(("],\"meta\":{\"page\":" + page + ",\"per_page\":" + perPage + ",\"total\":" + slice.total()
                        + ",\"total_pages\":" + totalPages + "}}").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Response.ok(out.toByteArray(), MediaType.APPLICATION_JSON).build();
        });
    }

    private Response oneOf(String resource, String id, String auth, String includeDeletedParam) {
        Optional<Response> refused = guard(resource, auth, null, null);
        if (refused.isPresent()) {
            return refused.get();
        }
        Boolean includeDeleted = parseBoolean(includeDeletedParam);
        if (includeDeleted == null) {
            return ApiErrors.badRequest("include_deleted must be true or false");
        }
        return practice.read(store -> {
            Optional<ResourceStore> rs = store.resource(resource);
            if (rs.isEmpty()) {
                return ApiErrors.notFound("Unknown resource " + resource);
            }
            int slot = rs.get().slotOf(id);
            if (slot < 0 || (rs.get().isDeleted(slot) && !includeDeleted)) {
                return ApiErrors.notFound("No " + resource + " record " + id);
            }
            byte[] line = rs.get().line(slot);
            byte[] body = new byte[line.length + 9];
            System.arraycopy("{\"data\":".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 8);
            System.arraycopy(line, 0, body, 8, line.length);
            body[body.length - 1] = '}';
            return Response.ok(body, MediaType.APPLICATION_JSON).build();
        });
    }

    /** Auth, then known resource, then faults. Returns the refusal to send, if any. */
    private Optional<Response> guard(String resource, String authorization, String pageKey, String query) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("Missing bearer token"));
        }
        String token = authorization.substring(7).trim();
        if (!settings.current().tokens.contains(token)) {
            return Optional.of(unauthorized("Invalid access token"));
        }
        boolean known = practice.read(store -> store.resource(resource).isPresent());
        if (!known) {
            return Optional.of(ApiErrors.notFound("Unknown resource " + resource));
        }
        return faults.beforeServing(resource, pageKey, query).map(f -> {
            Response.ResponseBuilder b = ApiErrors.builder(f.status(), f.code(), f.message());
            if (f.retryAfterSeconds() != null) {
                b.header("Retry-After", String.valueOf(f.retryAfterSeconds()));
            }
            return b.build();
        });
    }

    private static Response unauthorized(String message) {
        return ApiErrors.builder(401, "UNAUTHORIZED", message).header("WWW-Authenticate", "Bearer").build();
    }

    /** Counts the answer under the resource asked for (unknown resources under one bucket, to bound the stats). */
    private Response counted(String resource, java.util.function.Supplier<Response> handler) {
        Response r = handler.get();
        boolean known = resource.equals("attachments/content")
                || practice.read(store -> store.resource(resource).isPresent());
        stats.record(known ? resource : "(unknown)", r.getStatus());
        return r;
    }

    private static Long parsePositive(String value, long dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(value.trim());
            return v >= 1 && v <= Integer.MAX_VALUE ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String value) {
        if (value == null || value.isEmpty()) {
            return Boolean.FALSE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * The instant in epoch milliseconds, rounded up so that "inclusive" never lets in a record from before it.
     * An unencoded '+' in the offset arrives as a space; it is read as '+'.
     */
    static Long parseSince(String value) {
        if (value == null || value.isEmpty()) {
            return Long.MIN_VALUE;
        }
        String v = value.trim().replace(' ', '+');
        Instant instant;
        try {
            instant = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = Instant.parse(v);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    private static JsonNode json(byte[] line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
