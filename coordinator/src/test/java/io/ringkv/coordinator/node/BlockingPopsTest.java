package io.ringkv.coordinator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * Blocking pops through Jedis: woken by a push from another connection, served in the order they
 * blocked, timing out with nil, not holding up an EXEC while they wait, and (three nodes) woken by
 * a push through another node. Replies and errors of the non-waiting cases against Redis 7's:
 * RecordedRepliesTest (docs/resp-diff/lists.txt).
 */
class BlockingPopsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final JedisNode server = new JedisNode();

    @TempDir
    Path root;

    private static int blockedClients(Jedis jedis) {
        String info = jedis.info("clients");
        return Integer.parseInt(info.replaceAll("(?s).*blocked_clients:(\\d+).*", "$1"));
    }

    private CompletableFuture<List<String>> blpop(int port, String key) {
        return CompletableFuture.supplyAsync(() -> {
            try (Jedis waiting = new Jedis("127.0.0.1", port, 30_000)) {
                return waiting.blpop(0, key);
            }
        });
    }

    @Test
    void aPushWakesTheClientsInTheOrderTheyBlocked() throws Exception {
        CompletableFuture<List<String>> first = blpop(server.port(), "jobs");
        await().atMost(TIMEOUT).until(() -> blockedClients(server.jedis()) == 1);
        CompletableFuture<List<String>> second = blpop(server.port(), "jobs");
        await().atMost(TIMEOUT).until(() -> blockedClients(server.jedis()) == 2);

        server.jedis().rpush("jobs", "one");
        assertThat(first.get(10, TimeUnit.SECONDS)).containsExactly("jobs", "one");
        assertThat(second).isNotDone();
        server.jedis().rpush("jobs", "two");
        assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly("jobs", "two");
        assertThat(blockedClients(server.jedis())).isZero();
        assertThat(server.jedis().exists("jobs")).isFalse();
    }

    @Test
    void aTimeoutAnswersNilAndAWaitingClientDoesNotHoldUpExec() throws Exception {
        try (Jedis waiting = new Jedis("127.0.0.1", server.port())) {
            assertThat(waiting.blpop(0.2, "empty")).isNull();
        }
        CompletableFuture<List<String>> blocked = blpop(server.port(), "later");
        await().atMost(TIMEOUT).until(() -> blockedClients(server.jedis()) == 1);
        try (Jedis other = new Jedis("127.0.0.1", server.port(), 5_000)) {
            Transaction multi = other.multi();
            multi.set("x", "1");
            multi.incr("n");
            assertThat(multi.exec()).containsExactly("OK", 1L);
        }
        assertThat(blocked).isNotDone();
        server.jedis().lpush("later", "done");
        assertThat(blocked.get(10, TimeUnit.SECONDS)).containsExactly("later", "done");
    }

    @Test
    void aPushThroughAnotherNodeWakesTheClientThroughItsNodesReplica() throws Exception {
        // Re-checks ten minutes apart: only the write reaching node 1 as a replica can wake the client in time.
        try (TestCluster cluster = new TestCluster(root, 3, "blocked_pops_recheck_ms", "600000").startAll();
             Jedis node3 = new Jedis("127.0.0.1", cluster.respPort(3))) {
            CompletableFuture<List<String>> blocked = blpop(cluster.respPort(1), "remote");
            try (Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
                await().atMost(TIMEOUT).until(() -> blockedClients(node1) == 1);
            }
            long pushed = System.nanoTime();
            node3.rpush("remote", "hello");
            assertThat(blocked.get(10, TimeUnit.SECONDS)).containsExactly("remote", "hello");
            System.out.printf("BlockingPopsTest: BLPOP on node 1 woken %.1f ms after RPUSH on node 3 (replica wake-up)%n",
                    (System.nanoTime() - pushed) / 1e6);
        }
    }

    @Test
    void theKeysReplicaWakesAClientOnANodeThatDoesNotReplicateTheKey() throws Exception {
        // Re-checks ten minutes apart: only the replica's message to the node that watches can wake it in time.
        try (TestCluster cluster = new TestCluster(root, 3, "replication_factor", "1", "blocked_pops_recheck_ms", "600000").startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
            String key = null;
            for (int i = 0; i < 100 && key == null; i++) {
                if (replicaOf(node1, "k" + i) != 1) {
                    key = "k" + i;
                }
            }
            assertThat(key).as("a key node 1 does not replicate").isNotNull();
            int owner = replicaOf(node1, key);
            // Pushed through the node that neither waits nor replicates: its write reaches only the owner.
            int through = 6 - 1 - owner;
            CompletableFuture<List<String>> blocked = blpop(cluster.respPort(1), key);
            await().atMost(TIMEOUT).until(() -> blockedClients(node1) == 1);
            long pushed;
            try (Jedis pusher = new Jedis("127.0.0.1", cluster.respPort(through))) {
                pushed = System.nanoTime();
                pusher.rpush(key, "found");
            }
            assertThat(blocked.get(10, TimeUnit.SECONDS)).containsExactly(key, "found");
            System.out.printf("BlockingPopsTest: BLPOP on node 1 (not a replica) woken %.1f ms after RPUSH through node %d"
                    + " (owner node %d)%n", (System.nanoTime() - pushed) / 1e6, through, owner);
        }
    }

    /** The replica of {@code key} (replication factor 1), from RING KEY's "replicas=" line. */
    private static int replicaOf(Jedis jedis, String key) {
        String ring = new String((byte[]) jedis.sendCommand(() -> "RING".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "KEY", key), java.nio.charset.StandardCharsets.UTF_8);
        return Integer.parseInt(ring.replaceAll("(?s).*replicas=(\\d+).*", "$1"));
    }

    @Test
    void clientUnblockEndsAWaitAsItsTimeoutOrWithAnError() throws Exception {
        for (String reason : List.of("TIMEOUT", "ERROR")) {
            try (Jedis waiting = new Jedis("127.0.0.1", server.port(), 30_000)) {
                long id = waiting.clientId();
                CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waiting.blpop(0, "never");
                    } catch (redis.clients.jedis.exceptions.JedisDataException error) {
                        return error.getMessage();
                    }
                });
                await().atMost(TIMEOUT).until(() -> blockedClients(server.jedis()) == 1);
                assertThat(server.jedis().sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "UNBLOCK",
                        Long.toString(id), reason)).isEqualTo(1L);
                Object answer = blocked.get(10, TimeUnit.SECONDS);
                if (reason.equals("TIMEOUT")) {
                    assertThat(answer).isNull();
                } else {
                    assertThat(answer).isEqualTo("UNBLOCKED client unblocked via CLIENT UNBLOCK");
                }
                assertThat(server.jedis().sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "UNBLOCK",
                        Long.toString(id))).as("no longer blocked").isEqualTo(0L);
            }
        }
    }
}
