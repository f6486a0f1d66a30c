package dev.ferry.sim.freshsales.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.model.AccountSetup;
import dev.ferry.sim.freshsales.model.FieldCatalog;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.ratelimit.RateDecision;
import dev.ferry.sim.freshsales.ratelimit.RateLimiterBean;
import dev.ferry.sim.freshsales.service.BulkJobService;
import dev.ferry.sim.freshsales.service.FaultInjector;
import dev.ferry.sim.freshsales.service.RecordService;
import dev.ferry.sim.freshsales.service.Renderer;
import dev.ferry.sim.freshsales.service.RequestSummary;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The sandbox's own API under /_sim (no auth, never rate limited, never counted):
 * config, reset, users, fields, state dump and the request summary.
 */
@ApplicationScoped
public class AdminRoutes {

    private static final Logger LOG = Logger.getLogger(AdminRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STATE_CHUNK = 1000;

    @Inject
    SettingsHolder settings;
    @Inject
    AccountSetup setup;
    @Inject
    RecordService records;
    @Inject
    BulkJobService bulk;
    @Inject
    RateLimiterBean limiter;
    @Inject
    RequestSummary summary;
    @Inject
    FaultInjector faults;

    void onStart(@Observes StartupEvent e) {
        records.resetData();
    }

    void init(@Observes Router router) {
        router.route("/_sim/*").order(10).handler(BodyHandler.create(false).setBodyLimit(64L * 1024 * 1024));
        router.get("/_sim/config").order(11).blockingHandler(ctx -> json(ctx, 200, configJson()), false);
        router.put("/_sim/config").order(11).blockingHandler(ctx -> {
            try {
                settings.merge(body(ctx));
                json(ctx, 200, configJson());
            } catch (IllegalArgumentException ex) {
                badRequest(ctx, ex.getMessage());
            }
        }, false);
        router.post("/_sim/reset").order(11).blockingHandler(ctx -> {
            reset("true".equals(ctx.request().getParam("config")));
            json(ctx, 200, JSON.createObjectNode().put("reset", true));
        }, false);
        router.get("/_sim/users").order(11).blockingHandler(ctx -> json(ctx, 200, usersJson()), false);
        router.put("/_sim/users").order(11).blockingHandler(ctx -> {
            try {
                JsonNode b = body(ctx);
                JsonNode list = b.isArray() ? b : b.path("users");
                if (!list.isArray()) {
                    throw new IllegalArgumentException("expected {\"users\":[...]} or a JSON array");
                }
                setup.setUsers((ArrayNode) list);
                json(ctx, 200, usersJson());
            } catch (IllegalArgumentException ex) {
                badRequest(ctx, ex.getMessage());
            }
        }, false);
        router.get("/_sim/fields").order(11).blockingHandler(ctx -> json(ctx, 200, setup.fields().source()), false);
        router.put("/_sim/fields").order(11).blockingHandler(ctx -> fieldsChange(ctx, () -> FieldCatalog.from(body(ctx))), false);
        router.put("/_sim/fields/:module").order(11).blockingHandler(ctx -> fieldsChange(ctx,
                () -> setup.fields().withModuleFields(ctx.pathParam("module"), body(ctx))), false);
        router.put("/_sim/fields/:module/:field").order(11).blockingHandler(ctx -> fieldsChange(ctx, () -> {
            ObjectNode f = (ObjectNode) body(ctx);
            f.put("name", ctx.pathParam("field"));
            return setup.fields().withField(ctx.pathParam("module"), f);
        }), false);
        router.get("/_sim/state").order(11).blockingHandler(this::state, false);
        router.get("/_sim/requests/summary").order(11).blockingHandler(ctx -> json(ctx, 200, summary.toJson()), false);
        router.delete("/_sim/requests/summary").order(11).blockingHandler(ctx -> {
            summary.clear();
            json(ctx, 200, summary.toJson());
        }, false);
        router.post("/_sim/requests/reset").order(11).blockingHandler(ctx -> {
            summary.clear();
            json(ctx, 200, summary.toJson());
        }, false);
        router.get("/_sim/rate-limit").order(11).blockingHandler(ctx -> {
            RateDecision d = limiter.peek();
            json(ctx, 200, JSON.createObjectNode().put("limit", d.limit()).put("remaining", d.remaining()).put("reset", d.reset()));
        }, false);
    }

    /** Data, users, fields, jobs, counters and fault dice back to the seed; config too when asked. */
    public void reset(boolean includeConfig) {
        if (includeConfig) {
            settings.resetToInitial();
        }
        bulk.reset();
        setup.reset();
        records.resetData();
        limiter.reset();
        summary.clear();
        faults.reseed();
    }

    private ObjectNode configJson() {
        ObjectNode c = (ObjectNode) settings.asJson();
        c.put(SettingsHolder.EFFECTIVE_STORAGE_QUOTA_BYTES, storageQuota());
        return c;
    }

    private long storageQuota() {
        var s = settings.get();
        if (s.storageQuotaBytes != null) {
            return s.storageQuotaBytes;
        }
        return dev.ferry.sim.freshsales.config.Plan.parse(s.plan).storageBytesPerUser * Math.max(1, setup.activeUserCount());
    }

    private ObjectNode usersJson() {
        ObjectNode out = JSON.createObjectNode();
        out.set("users", setup.users());
        return out;
    }

    /** Checked supplier for field catalogue changes. */
    private interface CatalogChange {
        FieldCatalog get() throws IOException;
    }

    private void fieldsChange(RoutingContext ctx, CatalogChange change) {
        try {
            FieldCatalog next = change.get();
            setup.setFields(next);
            records.resetIndexesForNewModules();
            json(ctx, 200, next.source());
        } catch (IllegalArgumentException | IOException | ClassCastException ex) {
            badRequest(ctx, ex.getMessage());
        }
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            var b = ctx.body().buffer();
            if (b == null || b.length() == 0) {
                return JSON.createObjectNode();
            }
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && type.contains("yaml")) {
                return new YAMLMapper().readTree(b.getBytes());
            }
            return JSON.readTree(b.getBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON/YAML");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            ctx.fail(e);
        }
    }

    private static void badRequest(RoutingContext ctx, String message) {
        json(ctx, 400, JSON.createObjectNode().put("error", message == null ? "invalid request" : message));
    }

    /**
     * GET /_sim/state[?module=contacts]: every record of every module, deleted ones included, in the API's record
     * shape, streamed module by module in chunks of {@value #STATE_CHUNK} records (the lock is held per chunk only).
     */
    private void state(RoutingContext ctx) {
        String only = ctx.request().getParam("module");
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8");
        Renderer renderer = records.renderer();
        try (ResponseOutputStream out = new ResponseOutputStream(ctx.response());
             JsonGenerator gen = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            for (ModuleDef m : setup.modules().all()) {
                if ((only != null && !only.equals(m.name())) || (m.classicOnly() && !settings.get().classicMode
                        && records.store().table(m.name()).liveCount() == 0)) {
                    continue;
                }
                gen.writeArrayFieldStart(m.name());
                ModuleTable t = records.store().table(m.name());
                int total = records.store().read(t::slots);
                for (int from = 0; from < total; from += STATE_CHUNK) {
                    int start = from;
                    List<byte[]> chunk = records.store().read(() -> {
                        List<byte[]> c = new ArrayList<>(STATE_CHUNK);
                        for (int s = start; s < Math.min(t.slots(), start + STATE_CHUNK); s++) {
                            if (!t.isForgotten(s)) {
                                c.add(t.bytesAt(s));
                            }
                        }
                        return c;
                    });
                    for (byte[] b : chunk) {
                        gen.writeTree(renderer.render(m, RecordCodec.decode(b), Renderer.Detail.STATE, Set.of()));
                    }
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        } catch (IOException e) {
            LOG.debugf("state stream ended early: %s", e.getMessage());
        }
    }
}
