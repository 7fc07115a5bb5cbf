package io.ringkv.chaos.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each toxic, configured through the standard toxiproxy-java client and measured on the wire
 * between a plain TCP client and an echo server. Timing bounds follow Toxiproxy's own tests
 * (lower bounds exact, upper bounds with room for a loaded machine).
 */
class ToxicsOnTheWireTest {

    private static final Duration SLACK = Duration.ofMillis(400);

    private EchoServer echo;
    private ToxiproxyServer server;
    private Proxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        echo = EchoServer.start();
        server = ToxiproxyServer.start("127.0.0.1", 0);
        proxy = new ToxiproxyClient("127.0.0.1", server.port()).createProxy("echo", "127.0.0.1:0", echo.address());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void latencyAndJitterDelayEveryRoundTrip() throws IOException {
        proxy.toxics().latency("slow-replies", ToxicDirection.DOWNSTREAM, 100).setJitter(20);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            for (int ping = 0; ping < 5; ping++) {
                Duration roundTrip = Duration.ofNanos(client.roundTripNanos(new byte[] {(byte) ping}));

                assertThat(roundTrip).isBetween(Duration.ofMillis(80), Duration.ofMillis(120).plus(SLACK));
            }
        }
    }

    @Test
    void latencyOnBothStreamsAddsUp() throws IOException {
        proxy.toxics().latency("slow-requests", ToxicDirection.UPSTREAM, 60);
        proxy.toxics().latency("slow-replies", ToxicDirection.DOWNSTREAM, 60);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            Duration roundTrip = Duration.ofNanos(client.roundTripNanos("ping".getBytes()));

            assertThat(roundTrip).isBetween(Duration.ofMillis(120), Duration.ofMillis(120).plus(SLACK));
        }
    }

    @Test
    void latencyRemovedFromAnOpenConnectionStopsDelaying() throws IOException {
        proxy.toxics().latency("slow-replies", ToxicDirection.DOWNSTREAM, 150);
        try (WireClient client = WireClient.connect(proxy.getListen())) {
            assertThat(Duration.ofNanos(client.roundTripNanos("slow".getBytes()))).isGreaterThanOrEqualTo(Duration.ofMillis(150));

            proxy.toxics().get("slow-replies").remove();

            assertThat(Duration.ofNanos(client.roundTripNanos("fast".getBytes()))).isLessThan(Duration.ofMillis(100));
        }
    }

    @Test
    void bandwidthCapsThroughput() throws IOException {
        int rateKbPerSecond = 40;
        byte[] payload = randomBytes(60_000); // 60 KB at 40 KB/s: 1.5 s
        proxy.toxics().bandwidth("thin-pipe", ToxicDirection.DOWNSTREAM, rateKbPerSecond);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            long startNanos = System.nanoTime();
            client.send(payload);
            byte[] received = client.readExactly(payload.length);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

            assertThat(received).isEqualTo(payload);
            assertThat(elapsed).isBetween(Duration.ofMillis(1_400), Duration.ofMillis(1_500).plus(SLACK).plus(SLACK));
        }
    }

    @Test
    void timeoutZeroSwallowsDataUntilRemovedThenCloses() throws IOException {
        try (WireClient client = WireClient.connect(proxy.getListen())) {
            client.roundTripNanos("before".getBytes());
            proxy.toxics().timeout("black-hole", ToxicDirection.DOWNSTREAM, 0);

            client.send("lost".getBytes());
            client.readTimeoutMs(300);
            assertThatThrownBy(client::readOne).isInstanceOf(SocketTimeoutException.class);

            client.readTimeoutMs(WireClient.READ_TIMEOUT_MS);
            proxy.toxics().get("black-hole").remove();
            assertThat(client.readOne()).as("end of stream once the toxic is removed").isEqualTo(-1);
        }
    }

    @Test
    void timeoutAboveZeroClosesTheConnectionAfterThatLong() throws IOException {
        proxy.toxics().timeout("cut", ToxicDirection.UPSTREAM, 200);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            long startNanos = System.nanoTime();
            client.send("never echoed".getBytes());

            assertThat(client.readOne()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isBetween(Duration.ofMillis(180), Duration.ofMillis(200).plus(SLACK));
        }
    }

    @Test
    void resetPeerResetsTheClientConnection() throws IOException {
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            client.send("hello".getBytes());

            assertThatThrownBy(() -> client.readExactly(5))
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("Connection reset");
        }
    }

    @Test
    void limitDataForwardsExactlyTheLimitThenCloses() throws IOException {
        byte[] payload = randomBytes(300);
        proxy.toxics().limitData("first-100", ToxicDirection.DOWNSTREAM, 100);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            client.send(payload);

            assertThat(client.readToEnd(payload.length)).isEqualTo(Arrays.copyOf(payload, 100));
        }
    }

    @Test
    void slicerDeliversTheSameBytesInManySmallReads() throws IOException {
        byte[] payload = randomBytes(5_000);
        proxy.toxics().slicer("crumbs", ToxicDirection.DOWNSTREAM, 100, 1_000).setSizeVariation(20);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            client.send(payload);

            assertThat(client.readExactly(payload.length)).isEqualTo(payload);
            assertThat(client.reads()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void slowCloseDelaysTheClose() throws IOException {
        proxy.toxics().slowClose("lingering", ToxicDirection.UPSTREAM, 300);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            client.roundTripNanos("hi".getBytes());
            long startNanos = System.nanoTime();
            client.shutdownOutput();

            assertThat(client.readOne()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isBetween(Duration.ofMillis(280), Duration.ofMillis(300).plus(SLACK));
        }
    }

    @Test
    void toxicityZeroLeavesTrafficAlone() throws IOException {
        proxy.toxics().timeout("never-applies", ToxicDirection.DOWNSTREAM, 0).setToxicity(0f);

        try (WireClient client = WireClient.connect(proxy.getListen())) {
            assertThat(Duration.ofNanos(client.roundTripNanos("through".getBytes()))).isLessThan(Duration.ofMillis(500));
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
