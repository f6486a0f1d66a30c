package dev.ferry.loader.service;

import dev.ferry.contracts.LoadOutcome;
import dev.ferry.loader.client.FreshsalesHttp;
import io.micrometer.core.instrument.MeterRegistry;

/** The loader's counters on {@code /q/metrics}: outcomes by kind and target, Freshsales calls by endpoint and status. */
public class LoaderMetrics implements FreshsalesHttp.CallListener {

    private final MeterRegistry registry;

    public LoaderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void outcome(LoadOutcome o) {
        registry.counter("ferry.loader.outcomes", "kind", o.kind().name(),
                "target", o.target() == null ? "none" : o.target().path()).increment();
    }

    @Override
    public void answered(String method, String template, int status) {
        registry.counter("ferry.loader.freshsales.calls", "endpoint", method + " " + template,
                "status", status == 0 ? "no-answer" : Integer.toString(status)).increment();
    }
}
