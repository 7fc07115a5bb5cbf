package io.ringkv.chaos.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's own contract: where it listens and that closing it stops everything it started. */
class ToxiproxyServerTest {

    @Test
    void reportsItsEphemeralPortAndLoopbackUrl() throws IOException {
        try (ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void closeStopsTheApiProxiesAndEveryThread() throws IOException {
        ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0);
        try (EchoServer echo = EchoServer.start()) {
            Proxy proxy = new ToxiproxyClient("127.0.0.1", server.port()).createProxy("echo", "127.0.0.1:0", echo.address());
            proxy.toxics().timeout("black-hole", ToxicDirection.DOWNSTREAM, 0);
            try (WireClient first = WireClient.connect(proxy.getListen()); WireClient second = WireClient.connect(proxy.getListen())) {
                await().atMost(Duration.ofSeconds(5)).until(() -> toxiproxyThreads() >= 1 + 2 * 4);

                server.close();

                await().atMost(Duration.ofSeconds(5)).until(() -> toxiproxyThreads() == 0);
                assertThat(first.readOne()).as("proxied connections closed").isEqualTo(-1);
                assertThat(second.readOne()).as("proxied connections closed").isEqualTo(-1);
            }
        } finally {
            server.close();
        }
    }

    private static long toxiproxyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("toxiproxy-"))
                .count();
    }
}
