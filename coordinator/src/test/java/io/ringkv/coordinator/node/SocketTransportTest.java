package io.ringkv.coordinator.node;

import static io.ringkv.coordinator.node.RespCalls.cl;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * Clients and peers are served the same over either socket layer, and with internode gRPC on
 * the RESP loops or on loops of its own: a write through one node is read through another.
 */
class SocketTransportTest {
    @TempDir
    Path root;

    @ParameterizedTest(name = "native_transport {0}, grpc_threads {1}")
    @CsvSource({"true, 0", "false, 0", "false, 1", "true, 1"})
    void aClusterServesOnEitherTransport(boolean nativeTransport, int grpcThreads) throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "native_transport", String.valueOf(nativeTransport),
                "grpc_threads", String.valueOf(grpcThreads)).startAll();
             Jedis first = new Jedis("127.0.0.1", cluster.respPort(1));
             Jedis third = new Jedis("127.0.0.1", cluster.respPort(3))) {
            String expected = nativeTransport && Epoll.isAvailable() ? "epoll" : "nio";
            assertThat(first.info("server")).contains("multiplexing_api:" + expected + "\r\n");

            assertThat(cl(first, "ALL", "SET", "colour", "teal")).isEqualTo("OK");
            assertThat(cl(third, "ALL", "GET", "colour")).isEqualTo("teal");
            assertThat(third.incrBy("hits", 5)).isEqualTo(5);
            assertThat(cl(first, "QUORUM", "GET", "hits")).isEqualTo("5");
        }
    }
}
