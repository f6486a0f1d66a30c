package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The parked-command claim lease must survive a missed renewal, or a live replica loses commands it is working on to
 * another one (see {@code DeadReplicaClaimsIT} for why the lease is short at all).
 */
class ClaimLeaseCheckTest {

    @Test
    void theDefaultsPass() {
        assertThatCode(() -> LoaderLifecycle.checkClaimLease(Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .doesNotThrowAnyException();
        assertThatCode(() -> LoaderLifecycle.checkClaimLease(Duration.ofSeconds(20), Duration.ofSeconds(10)))
                .doesNotThrowAnyException();
    }

    @Test
    void aLeaseThatCouldLapseBetweenRenewalsIsRefused() {
        assertThatThrownBy(() -> LoaderLifecycle.checkClaimLease(Duration.ofSeconds(15), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("claim-lease");
        assertThatThrownBy(() -> LoaderLifecycle.checkClaimLease(Duration.ofSeconds(30), Duration.ZERO))
                .isInstanceOf(IllegalStateException.class);
    }
}
