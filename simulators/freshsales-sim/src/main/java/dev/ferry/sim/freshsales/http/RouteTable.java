package dev.ferry.sim.freshsales.http;

import dev.ferry.sim.freshsales.config.SimSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Path templates ("/contacts/{id}/forget") matched segment by segment; where several templates match, the one
 * with literal segments earliest wins ("/contacts/filters" beats "/contacts/{id}"). Knowing the template before
 * the call is handled lets 401s and 429s be counted per endpoint too.
 */
public final class RouteTable {

    /** Handles one API call. */
    @FunctionalInterface
    public interface Handler {
        ApiResponse handle(ApiRequest request);
    }

    /** A registered route. */
    public record Route(String method, String template, String[] segments, Handler handler, Predicate<SimSettings> enabled) {
    }

    /** A matched route with its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public void add(String method, String template, Handler handler) {
        add(method, template, handler, s -> true);
    }

    public void add(String method, String template, Handler handler, Predicate<SimSettings> enabled) {
        routes.add(new Route(method, template, split(template), handler, enabled));
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** The best route for a method and a path below the API prefix, or null. */
    public Match match(String method, String path, SimSettings settings) {
        String[] segs = split(path);
        Match best = null;
        long bestScore = -1;
        for (Route r : routes) {
            if (!r.method.equals(method) || r.segments.length != segs.length || !r.enabled.test(settings)) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            long score = 0;
            boolean ok = true;
            for (int i = 0; i < segs.length && ok; i++) {
                String t = r.segments[i];
                if (t.startsWith("{")) {
                    if (segs[i].isEmpty()) {
                        ok = false;
                    }
                    params.put(t.substring(1, t.length() - 1), segs[i]);
                } else if (t.equals(segs[i])) {
                    score |= 1L << (segs.length - i);
                } else {
                    ok = false;
                }
            }
            if (ok && score > bestScore) {
                best = new Match(r, params);
                bestScore = score;
            }
        }
        return best;
    }

    public List<Route> routes() {
        return routes;
    }
}
