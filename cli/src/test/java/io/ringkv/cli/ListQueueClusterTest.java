package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A work queue on three node processes: one list fed through node 1, drained by four consumers on
 * nodes 1, 2, 3 and 2 that BLPOP at STRONG: every element is delivered to exactly one consumer.
 * (Each STRONG pop is a Paxos round that reads the whole list, so 1,000 elements, not 10,000.)
 */
class ListQueueClusterTest {
    /** 1,000 in the suite; {@code -Dringkv.queue.elements=10000} for the figure by hand. */
    private static final int ELEMENTS = Integer.getInteger("ringkv.queue.elements", 1_000);

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void consumersPoppingAtStrongGetEachElementExactlyOnce() throws Exception {
        cluster = clusters.start(3);
        ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
        ExecutorService consumers = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try (Jedis producer = cluster.node(1, 30_000)) {
            // A key used at STRONG is written at STRONG (the node refuses mixing levels on it).
            producer.sendCommand(() -> "CONSISTENCY".getBytes(StandardCharsets.US_ASCII), "STRONG");
            for (int i = 0; i < ELEMENTS; i += 100) {
                String[] batch = new String[100];  // ELEMENTS is a multiple of 100
                for (int j = 0; j < 100; j++) {
                    batch[j] = "e" + (i + j);
                }
                producer.rpush("work", batch);
            }
        }
        long fed = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int node : List.of(1, 2, 3, 2)) {
                running.add(consumers.submit(() -> {
                    try (Jedis jedis = cluster.node(node, 30_000)) {
                        jedis.sendCommand(() -> "CONSISTENCY".getBytes(StandardCharsets.US_ASCII), "STRONG");
                        // Bounded: each consumer stops after a quiet second, or after every element.
                        for (int i = 0; i < ELEMENTS; i++) {
                            List<String> popped = jedis.blpop(1, "work");
                            if (popped == null) {
                                return null;
                            }
                            delivered.add(popped.get(1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> consumer : running) {
                consumer.get(300 + ELEMENTS / 10, TimeUnit.SECONDS);
            }
        } finally {
            consumers.shutdownNow();
        }
        List<String> all = new ArrayList<>(delivered);
        assertThat(all).as("every element delivered").hasSize(ELEMENTS);
        assertThat(all).as("each once").doesNotHaveDuplicates();
        System.out.printf("ListQueueClusterTest: %d elements pushed in %d ms, popped at STRONG by 4 consumers on 3 nodes in %d ms%n",
                ELEMENTS, TimeUnit.NANOSECONDS.toMillis(fed - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fed));
    }
}
