package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;

/**
 * 1,000 three-key MULTI/EXECs at QUORUM through nodes 1 and 3 of four node processes (three
 * replicas per key, so a transaction's keys sit on different replica sets), with node 2 killed -9
 * in the middle. Restarted with hints off, node 2 holds what its AOF kept: for every transaction,
 * all of the keys it replicates or none. After REPAIR every replica holds every acknowledged
 * transaction whole.
 */
class TransactionCrashTest {
    private static final int TRANSACTIONS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void aReplicaKilledDuringTransactionsHoldsEachOneWholeOrNotAtAll() throws Exception {
        cluster = clusters.start(4, "--hinted-handoff-enabled", "false", "--repair-interval-seconds", "0");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger started = new AtomicInteger();
        Thread[] clients = new Thread[2];
        for (int c = 0; c < clients.length; c++) {
            int coordinator = c == 0 ? 1 : 3;
            clients[c] = new Thread(() -> runTransactions(coordinator, started, acknowledged));
            clients[c].start();
        }
        await().atMost(TIMEOUT).until(() -> acknowledged.size() >= TRANSACTIONS / 4);
        long pid = cluster.pid(2);
        ProcessHandle node2 = ProcessHandle.of(pid).orElseThrow();
        node2.destroyForcibly();
        node2.onExit().get(30, TimeUnit.SECONDS);
        for (Thread client : clients) {
            client.join(TIMEOUT.toMillis());
            assertThat(client.isAlive()).as("client still running").isFalse();
        }
        assertThat(acknowledged.size()).as("transactions acknowledged with node 2 down too").isGreaterThan(TRANSACTIONS / 2);

        assertThat(cluster.up()).isZero();
        Map<String, List<Integer>> replicas = new HashMap<>();
        try (Jedis node1 = cluster.node(1)) {
            for (int t = 0; t < TRANSACTIONS; t++) {
                for (String key : keysOf(t)) {
                    replicas.put(key, KeyPlacements.replicas(node1, key));
                }
            }
        }

        Map<String, Boolean> onNode2 = heldBy(2, replicas);
        int whole = 0;
        for (int t = 0; t < TRANSACTIONS; t++) {
            List<Boolean> held = new ArrayList<>();
            for (String key : keysOf(t)) {
                if (onNode2.containsKey(key)) {
                    held.add(onNode2.get(key));
                }
            }
            assertThat(held.stream().distinct().count()).as("transaction %d's keys on node 2: %s", t, held).isLessThanOrEqualTo(1);
            whole += held.contains(true) ? 1 : 0;
        }
        assertThat(whole).as("transactions node 2 kept").isPositive();
        System.out.printf("TransactionCrashTest: %d of %d acknowledged; node 2 restarted holding %d of them whole and nothing of the others%n",
                acknowledged.size(), TRANSACTIONS, whole);

        try (Jedis node1 = cluster.node(1, 120_000)) {
            String report = new String((byte[]) node1.sendCommand(() -> "REPAIR".getBytes(StandardCharsets.US_ASCII)),
                    StandardCharsets.UTF_8);
            assertThat(report).contains("failed=0");
        }
        for (int node = 1; node <= 4; node++) {
            Map<String, Boolean> held = heldBy(node, replicas);
            for (int t : acknowledged) {
                for (String key : keysOf(t)) {
                    if (held.containsKey(key)) {
                        assertThat(held.get(key)).as("node %d holds %s of acknowledged transaction %d", node, key, t).isTrue();
                    }
                }
            }
        }
    }

    /** Transactions {@code first, first + 2, ...} through {@code coordinator}, until all are started. */
    private void runTransactions(int coordinator, AtomicInteger started, Set<Integer> acknowledged) {
        Jedis jedis = null;
        try {
            for (int attempt = 0; attempt < 10 * TRANSACTIONS; attempt++) {
                int t = started.getAndIncrement();
                if (t >= TRANSACTIONS) {
                    return;
                }
                try {
                    if (jedis == null) {
                        jedis = cluster.node(coordinator, 10_000);
                        jedis.sendCommand(() -> "CONSISTENCY".getBytes(StandardCharsets.US_ASCII), "QUORUM");
                    }
                    Transaction multi = jedis.multi();
                    for (String key : keysOf(t)) {
                        multi.set(key, Integer.toString(t));
                    }
                    if (multi.exec() != null) {
                        acknowledged.add(t);
                    }
                } catch (JedisException failed) {
                    // Not acknowledged (a TIMEOUT while node 2 was going down): it may be held or not, but whole.
                    jedis.close();
                    jedis = null;
                }
            }
        } finally {
            if (jedis != null) {
                jedis.close();
            }
        }
    }

    private static List<String> keysOf(int transaction) {
        return List.of("tx:" + transaction + ":a", "tx:" + transaction + ":b", "tx:" + transaction + ":c");
    }

    /** For each key {@code node} replicates, whether its own copy holds it (CL ONE through a replica reads itself). */
    private Map<String, Boolean> heldBy(int node, Map<String, List<Integer>> replicas) {
        Map<String, Response<Object>> answers = new HashMap<>();
        try (Jedis jedis = cluster.node(node, 60_000)) {
            Pipeline pipeline = jedis.pipelined();
            replicas.forEach((key, set) -> {
                if (set.contains(node)) {
                    answers.put(key, pipeline.sendCommand(() -> "CL".getBytes(StandardCharsets.US_ASCII), "ONE", "GET", key));
                }
            });
            pipeline.sync();
        }
        Map<String, Boolean> held = new HashMap<>();
        answers.forEach((key, answer) -> held.put(key, answer.get() != null));
        return held;
    }
}
