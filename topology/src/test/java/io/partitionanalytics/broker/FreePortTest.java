package io.partitionanalytics.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void shouldGiveAPortThatAServerCanBindOnLoopback() throws Exception {
        int port = FreePort.onLoopback();

        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void shouldNameTheHostItCannotResolve() {
        assertThatThrownBy(() -> FreePort.on("no-such-host.invalid"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no-such-host.invalid");
    }
}
