package dev.ferry.bench.sample;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import dev.ferry.launcher.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Samples the run once a period on a thread of its own: each child's resident memory, each stage's output count (the
 * raw topics for the extractor, the commands topic for the mapper, the loaders' terminal outcomes from their
 * {@code /q/metrics}) and the Freshsales sandbox's call count. Sampling errors are skipped: a child restarting or a
 * scrape timing out only costs that sample.
 */
public final class Sampler implements AutoCloseable {

    private final Supplier<List<ChildJvm>> children;
    private final Supplier<List<String>> loaderMetricsUrls;
    private final Supplier<JsonNode> callSummary;
    private final String bearer;
    private final KafkaConsumer<byte[], byte[]> offsets;
    private final List<TopicPartition> raw = new ArrayList<>();
    private final List<TopicPartition> commands = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Long> peakRssKb = new ConcurrentHashMap<>();
    private final List<CurvePoint> curve = new ArrayList<>();
    private final long startedNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    public final StageClock extract = new StageClock();
    public final StageClock map = new StageClock();
    public final StageClock load = new StageClock();
    public final StageClock calls = new StageClock();

    public Sampler(String bootstrap, int partitions, Supplier<List<ChildJvm>> children,
            Supplier<List<String>> loaderMetricsUrls, Supplier<JsonNode> callSummary, String bearer, Duration period) {
        this.children = children;
        this.loaderMetricsUrls = loaderMetricsUrls;
        this.callSummary = callSummary;
        this.bearer = bearer;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.offsets = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (int i = 0; i < partitions; i++) {
            for (SourceResource r : SourceResource.values()) {
                raw.add(new TopicPartition(r.rawTopic(), i));
            }
            commands.add(new TopicPartition(Topics.COMMANDS, i));
        }
        this.thread = new Thread(() -> loop(period), "bench-sampler");
        thread.setDaemon(true);
    }

    public Sampler start() {
        sampleOnce();
        thread.start();
        return this;
    }

    /**
     * One sample of the curve: seconds since the sampler began, each stage's count, the Freshsales calls so far (the
     * budget's use window by window), each child's RSS (kB).
     */
    public record CurvePoint(double seconds, long extracted, long mapped, long loaded, long calls,
            Map<String, Long> rssKb) {
    }

    /** Every sample so far, oldest first: resident memory against the records each stage had handled. */
    public synchronized List<CurvePoint> curve() {
        return List.copyOf(curve);
    }

    /** The curve as CSV: one column per child's RSS in MB, the stages' counts first. */
    public static String csv(List<CurvePoint> points) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        points.forEach(p -> names.addAll(p.rssKb().keySet()));
        StringBuilder sb = new StringBuilder("seconds,extracted,mapped,loaded,calls");
        names.forEach(n -> sb.append(",rss_mb_").append(n));
        sb.append('\n');
        for (CurvePoint p : points) {
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d", p.seconds(), p.extracted(), p.mapped(),
                    p.loaded(), p.calls()));
            for (String n : names) {
                Long kb = p.rssKb().get(n);
                sb.append(',').append(kb == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", kb / 1024.0));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Peak resident memory per child (by name) seen so far, kB. */
    public Map<String, Long> peakRssKb() {
        return new TreeMap<>(peakRssKb);
    }

    private void loop(Duration period) {
        while (running) {
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            sampleOnce();
        }
    }

    private synchronized void sampleOnce() {
        long now = System.nanoTime();
        Map<String, Long> rss = new TreeMap<>();
        for (ChildJvm c : children.get()) {
            try {
                if (c.isAlive()) {
                    ProcRss.kilobytes(c.pid()).ifPresent(kb -> {
                        peakRssKb.merge(c.name(), kb, Math::max);
                        rss.put(c.name(), kb);
                    });
                }
            } catch (RuntimeException e) {
                // gone between isAlive and pid: no sample
            }
        }
        try {
            extract.sample(sum(offsets.endOffsets(raw, Duration.ofSeconds(5))), now);
            map.sample(sum(offsets.endOffsets(commands, Duration.ofSeconds(5))), now);
        } catch (RuntimeException e) {
            // the broker answered late: next sample
        }
        try {
            double outcomes = 0;
            for (String url : loaderMetricsUrls.get()) {
                outcomes += PrometheusText.sum(get(url), "ferry_loader_outcomes_total", Map.of(),
                        Map.entry("kind", "DEFERRED"));
            }
            load.sample((long) outcomes, now);
        } catch (Exception e) {
            // a loader restarting: next sample
        }
        try {
            calls.sample(callSummary.get().path("total").asLong(), now);
        } catch (RuntimeException e) {
            // next sample
        }
        curve.add(new CurvePoint((now - startedNanos) / 1e9, extract.records(), map.records(), load.records(),
                calls.records(), rss));
    }

    private static long sum(Map<TopicPartition, Long> ends) {
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    private String get(String url) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("metrics answered " + res.statusCode());
        }
        return res.body();
    }

    /** One last sample, then stop. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampleOnce();
        synchronized (this) {
            offsets.close();
        }
    }

    /** The text of one loader's {@code /q/metrics}. */
    public String scrape(String url) throws Exception {
        return get(url);
    }
}
