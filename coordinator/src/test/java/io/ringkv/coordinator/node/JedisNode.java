package io.ringkv.coordinator.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.Jedis;

/**
 * A real node on loopback with its data in a fresh directory, and a Jedis connection to it: started
 * before each test and stopped (its directory deleted) after. {@code @RegisterExtension final
 * JedisNode server = new JedisNode();}
 */
final class JedisNode implements BeforeEachCallback, AfterEachCallback {
    private Path dataDir;
    private RingkvNode node;
    private Jedis jedis;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("ringkv-test");
        start();
    }

    private void start() throws Exception {
        node = TestNode.start(dataDir);
        jedis = new Jedis("127.0.0.1", node.respPort());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void stop() throws IOException {
        jedis.close();
        node.close();
    }

    /** The connection to the node (a new one after {@link #restart}). */
    Jedis jedis() {
        return jedis;
    }

    int port() {
        return node.respPort();
    }

    /** Stops the node and starts it again on the same data, with a new connection. */
    void restart() throws Exception {
        stop();
        start();
    }
}
