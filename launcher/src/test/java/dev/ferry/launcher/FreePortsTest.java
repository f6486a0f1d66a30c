package dev.ferry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Regression: a child's port drawn from the ephemeral range was taken by a client socket before the child bound it. */
class FreePortsTest {

    @Test
    void aPortComesFromBelowTheEphemeralRangeAndCanBeBound() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST - 1);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortSomethingListensOnIsNeverHandedOut() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                assertThat(FreePorts.next()).isNotEqualTo(held.getLocalPort());
            }
        }
    }
}
