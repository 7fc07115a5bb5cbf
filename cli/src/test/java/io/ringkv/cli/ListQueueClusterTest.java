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
 * Lists on three node processes: a work queue fed through node 1 and drained by four consumers on
 * nodes 1, 2, 3 and 2 that BLPOP at STRONG, every element delivered to exactly one consumer (each
 * STRONG pop is a Paxos round that reads the whole list, so 1,000 elements in the suite; 10,000
 * took 729 s by hand); and a client blocked on node 1 woken by a push through node 3.
 */
class ListQueueClusterTest {
    /** 1,000 in the suite; {@code -Dringkv.queue.elements=10000} for the figure by hand. */
    private static final int ELEMENTS = Integer.getInteger("ringkv.queue.elements", 1_000);

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void aClientBlockedOnNode1IsWokenByAPushThroughNode3() throws Exception {
        // The re-check ten minutes apart: only the push reaching node 1 as a replica wakes it in time.
        cluster = clusters.start(3, "--blocked-pops-recheck-ms", "600000");
        ExecutorService waiting = Executors.newSingleThreadExecutor();
        try (Jedis node1 = cluster.node(1); Jedis node3 = cluster.node(3)) {
            // Twice: the first wake-up runs cold code in every process; the second is the figure.
            for (int round = 1; round <= 2; round++) {
                String key = "jobs" + round;
                Future<List<String>> blocked = waiting.submit(() -> {
                    try (Jedis client = cluster.node(1, 60_000)) {
                        return client.blpop(30, key);
                    }
                });
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> node1.info("clients").contains("blocked_clients:1"));
                long pushed = System.nanoTime();
                node3.rpush(key, "job-" + round);
                assertThat(blocked.get(20, TimeUnit.SECONDS)).containsExactly(key, "job-" + round);
                System.out.printf("ListQueueClusterTest: BLPOP on node 1 woken %.1f ms after RPUSH on node 3 (round %d)%n",
                        (System.nanoTime() - pushed) / 1e6, round);
            }
        } finally {
            waiting.shutdownNow();
        }
    }

    @Test
    void consumersPoppingAtStrongGetEachElementExactlyOnce() throws Exception {
        cluster = clusters.start(3);
        ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicLong retried = new java.util.concurrent.atomic.AtomicLong();
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
                        // Bounded: each consumer stops after a quiet second, or after every element (and as many retries).
                        for (int i = 0; i < 2 * ELEMENTS; i++) {
                            List<String> popped;
                            try {
                                popped = jedis.blpop(1, "work");
                            } catch (redis.clients.jedis.exceptions.JedisDataException refused) {
                                // A round that lost to the other consumers applied nothing (the README's
                                // "contention" and "promises" timeouts): a consumer tries again. An unknown
                                // outcome is not retried and fails the test.
                                if (refused.getMessage().contains("outcome unknown")) {
                                    throw refused;
                                }
                                retried.incrementAndGet();
                                continue;
                            }
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
        System.out.printf("ListQueueClusterTest: %d elements pushed in %d ms, popped at STRONG by 4 consumers on 3 nodes in %d ms"
                + " (%d pops lost to contention and retried)%n", ELEMENTS, TimeUnit.NANOSECONDS.toMillis(fed - started),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fed), retried.get());
    }
}
