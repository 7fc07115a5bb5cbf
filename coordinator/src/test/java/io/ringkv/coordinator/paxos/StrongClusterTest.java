package io.ringkv.coordinator.paxos;

import static io.ringkv.coordinator.node.RespCalls.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringkv.coordinator.linearizability.CheckResult;
import io.ringkv.coordinator.linearizability.History;
import io.ringkv.coordinator.linearizability.LinearizabilityChecker;
import io.ringkv.coordinator.node.TestCluster;
import java.nio.charset.StandardCharsets;
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
import redis.clients.jedis.exceptions.JedisConnectionException;
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
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger values = new AtomicInteger();
        try (TestCluster cluster = new TestCluster(root, 3, CONFIG).startAll()) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> running = new ArrayList<>();
                long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                for (int c = 0; c < clients; c++) {
                    int process = c;
                    running.add(pool.submit(() -> {
                        runClient(cluster, process, opsPerClient, deadlineNanos, history, completed, values);
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> completed.get() >= clients * opsPerClient / 4);
                cluster.stop(2);
                int atStop = completed.get();
                await().atMost(Duration.ofSeconds(60)).until(() -> completed.get() >= atStop + clients * opsPerClient / 4);
                cluster.start(2);
                for (Future<?> f : running) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        CheckResult result = LinearizabilityChecker.check(history);
        System.out.println("history of " + history.size() + " events: " + result.verdict());
        assertThat(completed.get()).isEqualTo(clients * opsPerClient);
        assertThat(result.linearizable()).as(result.toString()).isTrue();
    }

    private static void runClient(TestCluster cluster, int process, int ops, long deadlineNanos, History history,
                                  AtomicInteger completed, AtomicInteger values) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        java.util.Map<String, String> lastSeen = new java.util.HashMap<>();
        for (int i = 0; i < ops && System.nanoTime() < deadlineNanos; i++) {
            String key = "reg-" + random.nextInt(3);
            int node = 1 + random.nextInt(cluster.size());
            int choice = random.nextInt(10);
            // Mostly the value this client last saw, so that many compare-and-sets apply.
            String expected = random.nextInt(4) > 0 ? lastSeen.getOrDefault(key, "v0") : "v" + random.nextInt(values.get() + 1);
            String value = "v" + values.incrementAndGet();
            int id = choice < 4 ? history.invokeRead(process, key)
                    : choice < 7 ? history.invokeWrite(process, key, value)
                    : history.invokeCas(process, key, expected, value);
            try (Jedis jedis = new Jedis("127.0.0.1", cluster.respPort(node), 5_000)) {
                command(jedis, "CONSISTENCY", "STRONG");
                if (choice < 4) {
                    String read = jedis.get(key);
                    history.okRead(id, read);
                    lastSeen.put(key, read == null ? "v0" : read);
                } else if (choice < 7) {
                    jedis.set(key, value);
                    history.okWrite(id);
                    lastSeen.put(key, value);
                } else {
                    List<Object> answer = cas(jedis, key, expected, value);
                    history.okCas(id, (Long) answer.get(0) == 1L);
                    lastSeen.put(key, answer.get(1) == null ? "v0" : (String) answer.get(1));
                }
            } catch (JedisDataException e) {
                settle(history, id, e.getMessage());
            } catch (JedisConnectionException e) {
                history.info(id);
            }
            completed.incrementAndGet();
        }
    }

    private static void settle(History history, int id, String error) {
        if (error.startsWith("UNAVAILABLE") || error.startsWith("TIMEOUT") && !error.contains("outcome unknown")) {
            history.fail(id);
        } else {
            history.info(id);
        }
    }

    private static List<Object> cas(Jedis jedis, String key, String expected, String replacement) {
        Object reply = jedis.sendCommand(() -> "CAS".getBytes(StandardCharsets.US_ASCII), key, expected, replacement);
        List<Object> out = new ArrayList<>();
        for (Object part : (List<?>) reply) {
            out.add(part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : part);
        }
        return out;
    }
}
