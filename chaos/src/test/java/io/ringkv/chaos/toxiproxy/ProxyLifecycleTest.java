package io.ringkv.chaos.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proxies and toxics managed through the standard toxiproxy-java client, including its error reporting. */
class ProxyLifecycleTest {

    private EchoServer echo;
    private ToxiproxyServer server;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        echo = EchoServer.start();
        server = ToxiproxyServer.start("127.0.0.1", 0);
        client = new ToxiproxyClient("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void createdProxyReportsItsBoundPortAndForwards() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());

        assertThat(proxy.getName()).isEqualTo("echo");
        assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(proxy.getUpstream()).isEqualTo(echo.address());
        assertThat(proxy.isEnabled()).isTrue();
        try (WireClient wire = WireClient.connect(proxy.getListen())) {
            assertThat(Duration.ofNanos(wire.roundTripNanos("hello".getBytes()))).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void disableRefusesConnectionsAndClosesOpenOnesEnableAcceptsAgain() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();
        try (WireClient open = WireClient.connect(listen)) {
            open.roundTripNanos("up".getBytes());

            proxy.disable();

            assertThat(proxy.isEnabled()).isFalse();
            assertThat(open.readOne()).as("open connection closed").isEqualTo(-1);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThatThrownBy(() -> WireClient.connect(listen).close()).isInstanceOf(ConnectException.class));
        }

        proxy.enable();

        assertThat(proxy.getListen()).isEqualTo(listen);
        try (WireClient again = WireClient.connect(listen)) {
            again.roundTripNanos("back".getBytes());
        }
    }

    @Test
    void resetRemovesAllToxicsAndReenablesProxies() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1_000);
        proxy.toxics().timeout("black-hole", ToxicDirection.UPSTREAM, 0);
        proxy.disable();

        client.reset();

        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.toxics().getAll()).isEmpty();
        try (WireClient wire = WireClient.connect(proxy.getListen())) {
            assertThat(Duration.ofNanos(wire.roundTripNanos("clean".getBytes()))).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void toxicsAreListedUpstreamFirstAndUpdatedByMerging() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("down-1", ToxicDirection.DOWNSTREAM, 10);
        proxy.toxics().bandwidth("up-1", ToxicDirection.UPSTREAM, 1_000);
        proxy.toxics().limitData("down-2", ToxicDirection.DOWNSTREAM, 1_000_000);

        assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly("up-1", "down-1", "down-2");

        Latency latency = proxy.toxics().get("down-1", Latency.class).setJitter(5);
        latency.setLatency(30);
        latency.setToxicity(0.5f);

        Latency reread = proxy.toxics().get("down-1", Latency.class);
        assertThat(reread.getLatency()).isEqualTo(30);
        assertThat(reread.getJitter()).isEqualTo(5);
        assertThat(reread.getToxicity()).isEqualTo(0.5f);
        assertThat(reread.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
    }

    @Test
    void proxiesAreListedByName() throws IOException {
        client.createProxy("b", "127.0.0.1:0", echo.address());
        client.createProxy("a", "127.0.0.1:0", echo.address());
        client.createProxy("c", "127.0.0.1:0", echo.address());

        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("a", "b", "c");
    }

    @Test
    void duplicateProxyNameIsAConflict() throws IOException {
        client.createProxy("echo", "127.0.0.1:0", echo.address());

        assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", echo.address()))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] proxy already exists");
    }

    @Test
    void unknownProxyIsNotFound() {
        assertThatThrownBy(() -> client.getProxy("missing"))
                .isInstanceOf(IOException.class)
                .hasMessage("[404] proxy not found");
        assertThat(client.getProxyOrNull("missing")).isNull();
    }

    @Test
    void duplicateAndUnknownToxicsAreReported() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 10);

        assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 10))
                .isInstanceOf(IOException.class)
                .hasMessage("[409] toxic already exists");
        assertThatThrownBy(() -> proxy.toxics().get("missing"))
                .isInstanceOf(IOException.class)
                .hasMessage("[404] toxic not found");
    }

    @Test
    void deletedProxyStopsListening() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();

        proxy.delete();

        assertThat(client.getProxyOrNull("echo")).isNull();
        assertThatThrownBy(() -> WireClient.connect(listen).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void listenAndUpstreamCanBeMoved() throws IOException {
        Proxy proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:1");

        proxy.setUpstream(echo.address());
        proxy.setListen("127.0.0.1:0");

        assertThat(proxy.getUpstream()).isEqualTo(echo.address());
        try (WireClient wire = WireClient.connect(proxy.getListen())) {
            wire.roundTripNanos("moved".getBytes());
        }
    }
}
