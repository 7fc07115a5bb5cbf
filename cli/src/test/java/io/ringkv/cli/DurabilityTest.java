package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Every acknowledged write survives {@code kill -9} of a node process at {@code appendfsync
 * always}: 50 concurrent writers, killed mid-load, then restarted on the same data directory.
 */
class DurabilityTest {
    private static final int WRITERS = 50;
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedWriteSurvivesKill9() throws Exception {
        Map<String, String> acknowledged;
        try (NodeProcess node = NodeProcess.start(workDir, "--appendfsync", "always")) {
            try (Load load = Load.start(node.respPort())) {
                load.awaitAcknowledged(5_000);
                node.kill9();
                acknowledged = load.stopAndCollect();
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(5_000);
        try (NodeProcess restarted = NodeProcess.start(workDir, "--appendfsync", "always")) {
            assertAllPresent(restarted.respPort(), acknowledged);
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKill9AfterASnapshotTakenMidLoad() throws Exception {
        Map<String, String> acknowledged;
        try (NodeProcess node = NodeProcess.start(workDir, "--appendfsync", "always")) {
            try (Load load = Load.start(node.respPort()); Jedis admin = new Jedis("127.0.0.1", node.respPort())) {
                load.awaitAcknowledged(3_000);
                assertThat(admin.bgsave()).isEqualTo("Background saving started");
                await().atMost(LOAD_TIMEOUT).until(() -> admin.info("persistence").contains("rdb_saves:1"));
                long afterSnapshot = load.acknowledgedCount();
                load.awaitAcknowledged(afterSnapshot + 3_000);
                node.kill9();
                acknowledged = load.stopAndCollect();
            }
        }
        try (NodeProcess restarted = NodeProcess.start(workDir, "--appendfsync", "always");
             Jedis jedis = new Jedis("127.0.0.1", restarted.respPort())) {
            assertThat(jedis.info("persistence")).doesNotContain("recovery_snapshot_cells:0\r\n");
            assertAllPresent(restarted.respPort(), acknowledged);
        }
    }

    private static void assertAllPresent(int port, Map<String, String> acknowledged) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            List<String> missing = new ArrayList<>();
            acknowledged.forEach((key, value) -> {
                if (!value.equals(jedis.get(key))) {
                    missing.add(key);
                }
            });
            assertThat(missing).as("acknowledged writes missing after restart").isEmpty();
        }
    }

    /** 50 writers, each setting its own fresh keys and remembering the ones acknowledged. */
    private static final class Load implements AutoCloseable {
        private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
        private final AtomicLong acknowledgedCount = new AtomicLong();
        private final AtomicBoolean stop = new AtomicBoolean();

        static Load start(int port) {
            Load load = new Load();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                load.writers.submit(() -> load.write(port, writer));
            }
            return load;
        }

        private void write(int port, int writer) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    String key = "w" + writer + ":" + i;
                    String value = "value-" + writer + "-" + i;
                    jedis.set(key, value);
                    acknowledged.put(key, value);
                    acknowledgedCount.incrementAndGet();
                }
            } catch (RuntimeException connectionLost) {
                // Expected once the node is killed: the in-flight write is not acknowledged.
            }
        }

        long acknowledgedCount() {
            return acknowledgedCount.get();
        }

        void awaitAcknowledged(long count) {
            await().atMost(LOAD_TIMEOUT).until(() -> acknowledgedCount.get() >= count);
        }

        Map<String, String> stopAndCollect() throws InterruptedException {
            stop.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            return Map.copyOf(acknowledged);
        }

        @Override
        public void close() {
            stop.set(true);
            writers.shutdownNow();
        }
    }
}
