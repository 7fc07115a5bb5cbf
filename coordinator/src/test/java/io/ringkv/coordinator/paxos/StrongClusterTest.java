package io.ringkv.coordinator.paxos;

import static io.ringkv.coordinator.node.RespCalls.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringkv.coordinator.linearizability.CheckResult;
import io.ringkv.coordinator.linearizability.History;
import io.ringkv.coordinator.linearizability.LinearizabilityChecker;
import io.ringkv.coordinator.node.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** STRONG against real nodes talking gRPC on loopback: compare-and-set, exact counters, and a checked history. */
class StrongClusterTest {
    private static final String[] CONFIG = {"strong_timeout_ms", "3000"};

    @TempDir
    Path root;

    @Test
    void compareAndSetAndConditionalSetAreExactAtStrong() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, CONFIG).startAll();
             Jedis first = new Jedis("127.0.0.1", cluster.respPort(1));
             Jedis second = new Jedis("127.0.0.1", cluster.respPort(2))) {
            command(first, "CONSISTENCY", "STRONG");
            command(second, "CONSISTENCY", "STRONG");
            assertThat(first.set("door", "closed")).isEqualTo("OK");
            assertThat(second.get("door")).isEqualTo("closed");
            assertThat(cas(second, "door", "closed", "open")).containsExactly(1L, "open");
            assertThat(cas(first, "door", "closed", "ajar")).as("expected value is stale").containsExactly(0L, "open");
            assertThat(cas(first, "nothing-here", "x", "y")).containsExactly(0L, null);
            assertThat(command(first, "SET", "lock", "me", "NX")).isEqualTo("OK");
            assertThat(command(second, "SET", "lock", "you", "NX")).isNull();
            assertThat(command(second, "SET", "lock", "you", "XX")).isEqualTo("OK");
            assertThat(first.get("lock")).isEqualTo("you");
            assertThat(first.info("paxos")).contains("paxos_enabled:1").containsPattern("paxos_operations:[1-9]");
            assertThatThrownBy(() -> command(second, "CL", "QUORUM", "SET", "door", "painted"))
                    .as("a key used at STRONG refuses plain writes").hasMessageStartingWith("ERR this key is written at STRONG");
            assertThat(command(second, "CL", "QUORUM", "SET", "plain-key", "fine")).isEqualTo("OK");
            assertThat(first.get("door")).isEqualTo("open");

            cluster.stop(2);
            cluster.stop(3);
            cluster.awaitView();
            assertThatThrownBy(() -> first.get("door")).hasMessage("UNAVAILABLE STRONG needs 2, 1 alive");
        }
    }

    /**
     * Increments through every node at once: each acknowledged one is counted exactly once. An
     * increment answered TIMEOUT (outcome unknown) may or may not have applied, so the final count
     * lies between the acknowledged ones and those plus the unknown ones.
     */
    @Test
    void concurrentIncrementsThroughEveryNodeAreNotLost() throws Exception {
        int threads = 6;
        int incrementsEach = 40;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        try (TestCluster cluster = new TestCluster(root, 3, CONFIG).startAll()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int port = cluster.respPort(1 + t % 3);
                    running.add(pool.submit(() -> {
                        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                            command(jedis, "CONSISTENCY", "STRONG");
                            for (int i = 0; i < incrementsEach; i++) {
                                try {
                                    jedis.incr("hits");
                                    acknowledged.incrementAndGet();
                                } catch (JedisDataException e) {
                                    assertThat(e.getMessage()).startsWith("TIMEOUT STRONG");
                                    if (e.getMessage().contains("outcome unknown")) {
                                        unknown.incrementAndGet();
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
                try (Jedis jedis = new Jedis("127.0.0.1", cluster.respPort(2))) {
                    command(jedis, "CONSISTENCY", "STRONG");
                    long hits = Long.parseLong(jedis.get("hits"));
                    String paxos = jedis.info("paxos");
                    System.out.println(acknowledged + " increments acknowledged, " + unknown + " unknown, count " + hits
                            + "; node 2:\n" + paxos);
                    assertThat(hits).isBetween((long) acknowledged.get(), (long) acknowledged.get() + unknown.get());
                    assertThat(acknowledged.get()).as("most increments succeed").isGreaterThan(threads * incrementsEach / 2);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Five clients read, write and compare-and-set three keys through random nodes while node 2
     * is stopped and started again; the history must be linearizable.
     */
    @Test
    void aHistoryWithANodeRestartedMidRunIsLinearizable() throws Exception {
        int clients = 5;
        int opsPerClient = 80;
        History history = new History();
        StrongRegisterClient workload = new StrongRegisterClient(history, new AtomicInteger(), 3);
        try (TestCluster cluster = new TestCluster(root, 3, CONFIG).startAll()) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> running = new ArrayList<>();
                long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                for (int c = 0; c < clients; c++) {
                    int process = c;
                    running.add(pool.submit(() -> workload.run(process, opsPerClient, deadlineNanos,
                            attempt -> cluster.respPort(1 + ThreadLocalRandom.current().nextInt(3)))));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> workload.completed() >= clients * opsPerClient / 4);
                cluster.stop(2);
                int atStop = workload.completed();
                await().atMost(Duration.ofSeconds(60)).until(() -> workload.completed() >= atStop + clients * opsPerClient / 4);
                cluster.start(2);
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        CheckResult result = LinearizabilityChecker.check(history);
        System.out.println("history of " + history.size() + " events, " + workload.succeeded() + " operations succeeded: "
                + result.verdict());
        if (!result.linearizable()) {
            System.out.println(history);
        }
        assertThat(workload.completed()).isEqualTo(clients * opsPerClient);
        assertThat(result.linearizable()).as(result.toString()).isTrue();
    }

    private static List<Object> cas(Jedis jedis, String key, String expected, String replacement) {
        return StrongRegisterClient.cas(jedis, key, expected, replacement);
    }
}
