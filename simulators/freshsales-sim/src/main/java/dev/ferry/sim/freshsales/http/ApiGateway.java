package dev.ferry.sim.freshsales.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.config.SimConfig;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.ratelimit.RateDecision;
import dev.ferry.sim.freshsales.ratelimit.RateLimiterBean;
import dev.ferry.sim.freshsales.service.ApiException;
import dev.ferry.sim.freshsales.service.BulkJobService;
import dev.ferry.sim.freshsales.service.FaultInjector;
import dev.ferry.sim.freshsales.service.RequestSummary;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The API's front door, in the order the real service is assumed to work: auth (401, not counted against the
 * budget), the account budget (429), routing (404), injected 5xx and latency, the handler on a worker thread,
 * then either the response or, for a lost response, a closed connection after the write committed.
 */
@ApplicationScoped
public class ApiGateway {

    public static final String SUITE_PREFIX = "/crm/sales/api";
    public static final String CLASSIC_PREFIX = "/api";

    private static final Logger LOG = Logger.getLogger(ApiGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SettingsHolder settings;
    @Inject
    RateLimiterBean limiter;
    @Inject
    FaultInjector faults;
    @Inject
    RequestSummary summary;
    @Inject
    BulkJobService bulk;
    @Inject
    ApiRoutes routes;
    @Inject
    SimConfig config;

    void init(@Observes Router router) {
        BodyHandler body = BodyHandler.create(config.uploadsDirectory())
                .setBodyLimit(config.maxRequestBodyBytes())
                .setDeleteUploadedFilesOnEnd(true);
        for (String prefix : List.of(SUITE_PREFIX, CLASSIC_PREFIX)) {
            router.route(prefix + "/*").order(10).handler(body);
            router.route(prefix + "/*").order(11).handler(ctx -> gate(ctx, prefix));
        }
    }

    private void gate(RoutingContext ctx, String prefix) {
        SimSettings s = settings.get();
        String method = ctx.request().method().name();
        String rest = ctx.normalizedPath().substring(prefix.length());
        RouteTable.Match match = CLASSIC_PREFIX.equals(prefix) && !s.classicMode ? null : routes.table().match(method, rest, s);
        String endpoint = method + " " + prefix + (match == null ? "/** (unmatched)" : match.route().template());
        String object = CallObject.of(match == null ? null : match.route().template(),
                match == null ? java.util.Map.of() : match.params(), ctx.request()::getParam, bulk::moduleOf);
        if (CLASSIC_PREFIX.equals(prefix) && !s.classicMode) {
            summary.record(endpoint, object, 404);
            sendError(ctx, null, new ApiException(404, "route.not_found"), s);
            return;
        }
        if (!authorized(ctx.request().getHeader("Authorization"), s)) {
            summary.record(endpoint, object, 401);
            sendError(ctx, null, new ApiException(401, "auth.invalid"), s);
            return;
        }
        RateDecision rate = limiter.tryAcquire();
        if (!rate.allowed()) {
            summary.record(endpoint, object, 429);
            if (s.retryAfterOn429) {
                ctx.response().putHeader("Retry-After", String.valueOf(rate.retryAfterSeconds()));
            }
            sendError(ctx, rate, new ApiException(429, "rate.limited"), s);
            return;
        }
        if (match == null) {
            summary.record(endpoint, object, 404);
            sendError(ctx, rate, new ApiException(404, "route.not_found"), s);
            return;
        }
        int fail = faults.serverError();
        if (fail > 0) {
            summary.fault("serverError");
            summary.record(endpoint, object, fail);
            sendError(ctx, rate, new ApiException(fail, "server.error"), s);
            return;
        }
        long latency = faults.latencyMs();
        Runnable handle = () -> handle(ctx, prefix, match, endpoint, object, rate);
        if (latency > 0) {
            summary.fault("latency");
            ctx.vertx().setTimer(latency, t -> handle.run());
        } else {
            handle.run();
        }
    }

    static boolean authorized(String header, SimSettings s) {
        if (header == null || !header.startsWith("Token token=")) {
            return false;
        }
        String key = header.substring("Token token=".length()).trim();
        if (key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        return s.apiKeys.contains(key);
    }

    private void handle(RoutingContext ctx, String prefix, RouteTable.Match match, String endpoint, String object,
            RateDecision rate) {
        ApiRequest request = new ApiRequest(ctx, match.params(), prefix);
        ctx.vertx().<ApiResponse>executeBlocking(() -> match.route().handler().handle(request), false).onComplete(ar -> {
            SimSettings s = settings.get();
            if (ar.failed()) {
                Throwable t = ar.cause();
                ApiException e = t instanceof ApiException ae ? ae : null;
                if (e == null) {
                    LOG.errorf(t, "unexpected failure on %s", endpoint);
                    e = new ApiException(500, "server.error");
                }
                summary.record(endpoint, object, e.status());
                sendError(ctx, rate, e, s);
                return;
            }
            ApiResponse response = ar.result();
            summary.record(endpoint, object, response.status());
            boolean committedWrite = ApiRoutes.isWrite(ctx.request().method().name()) && response.status() < 300;
            if (committedWrite && faults.dropResponse()) {
                summary.fault("dropped");
                dropResponse(ctx, s);
                return;
            }
            send(ctx, rate, response.status(), response.body());
        });
    }

    /** The write is committed; the client never gets its answer. */
    private void dropResponse(RoutingContext ctx, SimSettings s) {
        if (s.faults.dropMode == SimSettings.Faults.DropMode.TIMEOUT) {
            ctx.vertx().setTimer(Math.max(1, s.faults.dropTimeoutMs), t -> ctx.request().connection().close());
        } else {
            ctx.request().connection().close();
        }
    }

    private void sendError(RoutingContext ctx, RateDecision rate, ApiException e, SimSettings s) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode errors = body.putObject("errors");
        errors.put("code", e.status());
        var msgs = errors.putArray("message");
        e.localized(s.faults.errorLanguage).forEach(msgs::add);
        send(ctx, rate, e.status(), body);
    }

    private void send(RoutingContext ctx, RateDecision rate, int status, JsonNode body) {
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.closed()) {
            return;
        }
        res.setStatusCode(status);
        if (rate != null) {
            res.putHeader("X-RateLimit-Limit", String.valueOf(rate.limit()));
            res.putHeader("X-RateLimit-Remaining", String.valueOf(rate.remaining()));
            res.putHeader("X-RateLimit-Reset", String.valueOf(rate.reset()));
        }
        if (body == null) {
            res.end();
            return;
        }
        try {
            res.putHeader("Content-Type", "application/json; charset=utf-8");
            res.end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
            LOG.error("cannot write response", e);
            res.setStatusCode(500).end();
        }
    }
}
