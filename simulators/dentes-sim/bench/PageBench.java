import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page-serving throughput of a running Dr.DENTES sandbox, JDK only: {@code java bench/PageBench.java [base] [seconds]}.
 *
 * <p>For each case it walks list pages of per_page=200 for a fixed time with 1 and 2 client threads and reports
 * pages/s, records/s and MB/s. The baseline, measured in the same run, is the cheapest authenticated API call the
 * sandbox serves (a single-record read), so "ratio" says how much a 200-record page costs compared with the
 * per-request floor of the HTTP stack.
 */
public class PageBench {

    static final String TOKEN = "Bearer dentes-sandbox-token";
    static final Pattern TOTAL_PAGES = Pattern.compile("\"total_pages\":(\\d+)");
    static final Pattern RECORD_COUNT = Pattern.compile("\\{\"id\":\"");

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8092";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String firstPatient = get(http, base + "/api/v1/patients?per_page=1");
        String id = firstPatient.replaceFirst("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        warmUp(http, base, id);

        System.out.printf("%-52s %7s %10s %12s %8s %8s%n", "case", "clients", "req/s", "records/s", "MB/s", "ratio");
        double floor = 0;
        for (int clients : new int[] {1, 2}) {
            Result r = run(http, clients, seconds, i -> base + "/api/v1/patients/" + id);
            if (clients == 1) {
                floor = r.perSecond();
            }
            print("baseline: GET /patients/{id} (1 record)", clients, r, floor);
        }
        for (String resource : new String[] {"appointments", "patients", "clinical-notes"}) {
            int pages = totalPages(get(http, base + "/api/v1/" + resource + "?per_page=200"));
            for (int clients : new int[] {1, 2}) {
                Result r = run(http, clients, seconds,
                        i -> base + "/api/v1/" + resource + "?per_page=200&page=" + (1 + (i % pages)));
                print("walk " + resource + " per_page=200 (" + pages + " pages)", clients, r, floor);
            }
        }
        int deltaPages = totalPages(get(http, base + "/api/v1/appointments?per_page=200&updated_since=2024-01-01T00:00:00%2B03:00"));
        Result delta = run(http, 1, seconds, i -> base + "/api/v1/appointments?per_page=200&updated_since=2024-01-01T00:00:00%2B03:00&page=" + (1 + (i % deltaPages)));
        print("delta appointments since 2024-01-01 (" + deltaPages + " pages)", 1, delta, floor);
        int deep = totalPages(get(http, base + "/api/v1/appointments?per_page=200"));
        Result deepPage = run(http, 1, seconds, i -> base + "/api/v1/appointments?per_page=200&page=" + (deep - (i % 10)));
        print("last 10 pages of appointments, repeatedly", 1, deepPage, floor);
    }

    interface Url {
        String at(long i);
    }

    record Result(long requests, long records, long bytes, double seconds) {
        double perSecond() {
            return requests / seconds;
        }
    }

    static void print(String name, int clients, Result r, double floor) {
        System.out.printf("%-52s %7d %10.0f %12.0f %8.1f %8.2f%n", name, clients, r.perSecond(), r.records / r.seconds,
                r.bytes / r.seconds / 1e6, r.perSecond() / floor);
    }

    static Result run(HttpClient http, int clients, int seconds, Url url) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong records = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        String body = get(http, url.at(next.getAndIncrement()));
                        requests.incrementAndGet();
                        bytes.addAndGet(body.length());
                        Matcher m = RECORD_COUNT.matcher(body);
                        long n = 0;
                        while (m.find()) {
                            n++;
                        }
                        records.addAndGet(n);
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(requests.get(), records.get(), bytes.get(), (System.nanoTime() - start) / 1e9);
    }

    static void warmUp(HttpClient http, String base, String id) throws Exception {
        // Both paths warm (JIT, connection pool) before anything is timed.
        for (int i = 0; i < 500; i++) {
            get(http, base + "/api/v1/appointments?per_page=200&page=" + (1 + i));
        }
        for (int i = 0; i < 5000; i++) {
            get(http, base + "/api/v1/patients/" + id);
        }
    }

    static int totalPages(String body) {
        Matcher m = TOTAL_PAGES.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no meta.total_pages in " + body.substring(0, Math.min(200, body.length())));
        }
        return Math.max(1, Integer.parseInt(m.group(1)));
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
