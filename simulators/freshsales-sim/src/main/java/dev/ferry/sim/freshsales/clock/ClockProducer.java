package dev.ferry.sim.freshsales.clock;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The system clock, unless a test supplies another {@link SimClock} bean. */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @DefaultBean
    @ApplicationScoped
    SimClock systemClock() {
        return System::currentTimeMillis;
    }
}
