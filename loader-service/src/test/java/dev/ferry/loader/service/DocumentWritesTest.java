package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.loader.budget.BudgetLimits;
import dev.ferry.loader.budget.InMemoryBudgetStore;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.client.ApiKey;
import dev.ferry.loader.client.DentesContent;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.config.LoaderConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, attachments: a document's bytes go from Dr.DENTES to Freshsales as a stream checked against the source's
 * sha256 and size; a lost answer is settled by one listing of the parent's documents, matched by the exact file name,
 * and never uploads twice. One in-process server plays both the Dr.DENTES content endpoint and Freshsales' documents.
 */
class DocumentWritesTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private HttpServer server;
    /** Dr.DENTES: attachment id to the bytes it serves. */
    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    /** Freshsales: the documents it stores (id, name, targetable, content_file_size, sha of the bytes received). */
    private final List<ObjectNode> documents = new CopyOnWriteArrayList<>();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final AtomicInteger unfinishedUploads = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(900);
    private volatile Long reportedSize;
    private TargetWriter writer;
    private DocumentUploads documentUploads;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/attachments/", this::dentes);
        server.createContext("/crm/sales/api/", this::freshsales);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Clock clock = Clock.systemUTC();
        BudgetLimits limits = new BudgetLimits(400, 1000, 0, Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofSeconds(60), LoaderConfig.HeaderBucket.AUTO);
        RateBudget budget = new RateBudget(new InMemoryBudgetStore(clock), "acme", limits, d -> { },
                Duration.ofSeconds(5));
        FreshsalesClient client = new FreshsalesClient(new FreshsalesHttp(
                FreshsalesHttp.newHttpClient(Duration.ofSeconds(2)), URI.create(base + "/crm/sales/api"),
                new ApiKey("key"), budget, clock, Duration.ofSeconds(10), FreshsalesHttp.CallListener.NONE));
        DentesContent source = new DentesContent(FreshsalesHttp.newHttpClient(Duration.ofSeconds(2)), base, "tok",
                Duration.ofSeconds(10));
        documentUploads = new DocumentUploads(client, source, 1024 * 1024);
        writer = new TargetWriter(client, bulk(), retry(), d -> { }, clock, documentUploads);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ the fake ends

    private void dentes(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().replaceAll("^/api/v1/attachments/(.+)/content$", "$1");
        byte[] b = content.get(id);
        if (!"Bearer tok".equals(ex.getRequestHeaders().getFirst("Authorization")) || b == null) {
            ex.sendResponseHeaders(b == null ? 404 : 401, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < b.length; i += 8192) {
                out.write(b, i, Math.min(8192, b.length - i));
            }
        }
    }

    private void freshsales(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/crm/sales/api".length());
        String method = ex.getRequestMethod();
        if ("POST".equals(method) && "/documents".equals(path)) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            } catch (IOException aborted) {
                unfinishedUploads.incrementAndGet();
                ex.close();
                return;
            }
            uploads.incrementAndGet();
            ObjectNode doc = parse(body, ex.getRequestHeaders().getFirst("Content-Type"));
            if (doc == null) {
                unfinishedUploads.incrementAndGet();
                ex.close();
                return;
            }
            documents.add(doc);
            if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Committed, then the answer is lost: the connection ends in the middle of it.
                ex.sendResponseHeaders(200, 100);
                ex.getResponseBody().write('{');
                ex.getResponseBody().flush();
                ex.close();
                return;
            }
            ObjectNode answer = doc.deepCopy();
            if (reportedSize != null) {
                answer.put("content_file_size", reportedSize);
            }
            send(ex, 200, answer);
        } else if ("GET".equals(method) && path.matches("/contacts/\\d+/document_associations")) {
            listings.incrementAndGet();
            long parent = Long.parseLong(path.split("/")[2]);
            ObjectNode out = F.objectNode();
            ArrayNode arr = out.putArray("document_associations");
            documents.stream().filter(d -> d.path("targetable_id").asLong() == parent).forEach(arr::add);
            send(ex, 200, out);
        } else if ("DELETE".equals(method) && path.startsWith("/documents/")) {
            long id = Long.parseLong(path.substring("/documents/".length()));
            documents.removeIf(d -> d.path("id").asLong() == id);
            send(ex, 200, F.objectNode());
        } else {
            send(ex, 404, F.objectNode());
        }
    }

    /** A multipart body as Freshsales would store it, or null when it is not whole (no closing boundary). */
    private ObjectNode parse(byte[] body, String contentType) {
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + 9);
        String s = new String(body, StandardCharsets.ISO_8859_1);
        if (!s.endsWith(boundary + "--\r\n")) {
            return null;
        }
        ObjectNode doc = F.objectNode().put("id", ids.incrementAndGet());
        for (String part : s.split(java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = part.substring(0, split);
            String value = part.substring(split + 4, part.length() - 2);
            String name = headers.replaceAll("(?s).*form-data; name=\"([^\"]+)\".*", "$1");
            if ("file".equals(name)) {
                byte[] file = value.getBytes(StandardCharsets.ISO_8859_1);
                doc.put("content_file_size", file.length).put("content_sha256", sha(file));
            } else {
                String text = new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                doc.put("file_name".equals(name) ? "name" : name, text);
            }
        }
        return doc;
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] b = FerryJson.encode(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ commands

    private static byte[] file(int size) {
        byte[] b = new byte[size];
        new java.util.Random(size).nextBytes(b);
        return b;
    }

    private static WritePlan plan(String attachmentId, String fileName, byte[] bytes, String sha256) {
        String name = "[Dr.DENTES attachments " + attachmentId + "] " + fileName;
        ObjectNode f = F.objectNode().put("file_name", name).put("is_shared", false)
                .put("targetable_type", "Contact").put("targetable_id", 7L);
        f.putObject(DocumentUploads.SOURCE_FILE).put("attachment_id", attachmentId).put("content_type", "image/png")
                .put("size_bytes", bytes.length).put("sha256", sha256);
        LoadCommand c = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.ATTACHMENTS,
                attachmentId, 0, FreshsalesTarget.DOCUMENT, null, Map.of(FreshsalesTarget.DOCUMENT_MARKER_KEY, name),
                f, attachmentId, "v1", null, null);
        assertThat(CommandProcessor.cannotExecute(c)).as("a valid document command").isNull();
        return new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), f, "h-" + attachmentId,
                List.of(), null);
    }

    private WriteResult write(WritePlan p) throws InterruptedException {
        return writer.write(WriteTarget.of(FreshsalesTarget.DOCUMENT), List.of(p)).get(p);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void theBytesArriveEqualToTheSourcesAndTheDocumentIsOnItsParent() throws Exception {
        byte[] bytes = file(3 * 1024 * 1024 + 17);
        content.put("A-1", bytes);
        WriteResult r = write(plan("A-1", "panoramik röntgen.png", bytes, sha(bytes)));
        assertThat(r).isInstanceOf(WriteResult.Written.class);
        assertThat(((WriteResult.Written) r).via()).contains("sha256 equal to the source's");
        assertThat(documents).singleElement().satisfies(d -> {
            assertThat(d.path("content_sha256").asText()).isEqualTo(sha(bytes));
            assertThat(d.path("content_file_size").asLong()).isEqualTo(bytes.length);
            assertThat(d.path("name").asText()).isEqualTo("[Dr.DENTES attachments A-1] panoramik röntgen.png");
            assertThat(d.path("targetable_type").asText()).isEqualTo("Contact");
            assertThat(d.path("targetable_id").asText()).isEqualTo("7");
            assertThat(d.path("is_shared").asText()).isEqualTo("false");
        });
        assertThat(listings.get()).as("a first upload lists nothing").isZero();
    }

    @Test
    void bytesThatDifferFromTheSourcesSha256AreNeverStored() throws Exception {
        byte[] bytes = file(200_000);
        byte[] served = bytes.clone();
        served[150_000] ^= 1;
        content.put("A-2", served);
        WriteResult r = write(plan("A-2", "scan.pdf", bytes, sha(bytes)));
        assertThat(r).isInstanceOfSatisfying(WriteResult.Failed.class, f -> {
            assertThat(f.failure().cause()).isEqualTo(TargetFailure.SOURCE_CONTENT);
            assertThat(f.failure().messages().get(0)).contains("sha256").contains("nothing was stored");
        });
        assertThat(documents).as("the upload was aborted before its closing boundary").isEmpty();
    }

    @Test
    void anAttachmentWithoutContentInTheSourceFailsWithTheReason() throws Exception {
        byte[] bytes = file(10);
        WriteResult r = write(plan("A-404", "missing.png", bytes, sha(bytes)));
        assertThat(r).isInstanceOfSatisfying(WriteResult.Failed.class, f -> {
            assertThat(f.failure().cause()).isEqualTo(TargetFailure.SOURCE_CONTENT);
            assertThat(f.failure().messages().get(0)).contains("404");
        });
        assertThat(documents).isEmpty();
    }

    @Test
    void aDocumentFreshsalesStoredWithAnotherSizeIsDeletedAndSaid() throws Exception {
        byte[] bytes = file(5000);
        content.put("A-3", bytes);
        reportedSize = 4999L;
        WriteResult r = write(plan("A-3", "x.png", bytes, sha(bytes)));
        assertThat(r).isInstanceOfSatisfying(WriteResult.Failed.class,
                f -> assertThat(f.failure().messages().get(0)).contains("stored 4999 bytes of the 5000 sent"));
        assertThat(documents).isEmpty();
    }

    /** Lost answer after commit: one listing of the parent finds the document by its exact name; no second upload. */
    @Test
    void aLostAnswerIsSettledByOneListingOfTheParentAndNeverUploadsTwice() throws Exception {
        byte[] bytes = file(70_000);
        content.put("A-4", bytes);
        content.put("A-40", file(3));
        // Another attachment whose name starts the same way is on the parent: only the exact name is this one.
        write(plan("A-40", "x.png", content.get("A-40"), sha(content.get("A-40"))));
        answersToLose.set(1);
        WriteResult r = write(plan("A-4", "x.png", bytes, sha(bytes)));
        assertThat(r).isInstanceOfSatisfying(WriteResult.Written.class, w -> {
            assertThat(w.created()).isTrue();
            assertThat(w.via()).contains("found by lookup");
        });
        assertThat(uploads.get()).isEqualTo(2);
        assertThat(listings.get()).isEqualTo(1);
        assertThat(documents.stream().filter(d -> d.path("name").asText().startsWith("[Dr.DENTES attachments A-4]")))
                .singleElement().satisfies(d -> assertThat(d.path("content_sha256").asText()).isEqualTo(sha(bytes)));
    }

    /** A crash after the upload left an open intent: the document found on its parent is taken, nothing is sent. */
    @Test
    void anOpenIntentIsResolvedByTheListingBeforeAnyUpload() throws Exception {
        byte[] bytes = file(1234);
        content.put("A-5", bytes);
        write(plan("A-5", "y.png", bytes, sha(bytes)));
        WritePlan again = plan("A-5", "y.png", bytes, sha(bytes));
        WritePlan reopened = new WritePlan(again.item, again.fields, again.hash, List.of(),
                new dev.ferry.loader.store.LedgerEntry(again.item.key(), WriteTarget.of(FreshsalesTarget.DOCUMENT),
                        again.command().identifier(), null, dev.ferry.loader.store.LedgerState.INTENT,
                        again.command().commandId(), "run-1", null, again.hash, null, null, 1, "other", null, null));
        WriteResult r = writer.write(WriteTarget.of(FreshsalesTarget.DOCUMENT), List.of(reopened)).get(reopened);
        assertThat(r).isInstanceOf(WriteResult.Written.class);
        assertThat(uploads.get()).isEqualTo(1);
        assertThat(listings.get()).isEqualTo(1);
        assertThat(documents).hasSize(1);
    }

    @Test
    void anUploadMayTakeTheRequestTimeoutPlusItsSizeAtTheSlowestRate() {
        // Request timeout 10 s; 1 MiB/s: a file of 3 MiB and one byte may take 14 s before it counts as lost.
        assertThat(documentUploads.timeoutFor(3L * 1024 * 1024 + 1)).isEqualTo(Duration.ofSeconds(14));
        assertThat(documentUploads.timeoutFor(0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aDocumentCommandNamesItsKeyAndItsSourceFile() {
        ObjectNode f = F.objectNode().put("file_name", "a.png").put("targetable_type", "Contact")
                .put("targetable_id", 1);
        LoadCommand c = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.ATTACHMENTS, "A-1", 0,
                FreshsalesTarget.DOCUMENT, null, Map.of(FreshsalesTarget.DOCUMENT_MARKER_KEY, "a.png"), f, "A-1",
                "v1", null, null);
        assertThat(CommandProcessor.cannotExecute(c).messages().get(0)).contains("source_file");
        LoadCommand wrongKey = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.ATTACHMENTS,
                "A-1", 0, FreshsalesTarget.DOCUMENT, null, Map.of("cf_dentes_id", "A-1"), f, "A-1", "v1", null, null);
        assertThat(CommandProcessor.cannotExecute(wrongKey).messages().get(0)).contains("file name");
    }

    private static LoaderConfig.Retry retry() {
        return new LoaderConfig.Retry() {
            public int maxAttempts() {
                return 3;
            }

            public Duration unsettledPause() {
                return Duration.ofSeconds(1);
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(2);
            }

            public Duration outageMaxPause() {
                return Duration.ofSeconds(1);
            }
        };
    }

    private static LoaderConfig.Bulk bulk() {
        return new LoaderConfig.Bulk() {
            public boolean enabled() {
                return false;
            }

            public int minSize() {
                return 2;
            }

            public Duration pollInterval() {
                return Duration.ofMillis(1);
            }

            public Duration jobTimeout() {
                return Duration.ofSeconds(1);
            }

            public int retriesOn405() {
                return 0;
            }

            public Duration backoffOn405() {
                return Duration.ofMillis(1);
            }
        };
    }
}
