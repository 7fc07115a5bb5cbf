package io.ringkv.coordinator.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringkv.coordinator.node.TestCluster;
import static io.ringkv.coordinator.node.RespCalls.cl;
import io.ringkv.storage.Cell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The consistency table of the README ("Consistency levels"), checked against real nodes talking gRPC on loopback. */
class ClusterConsistencyTest {
    @TempDir
    Path root;

    /** A key whose replicas do not include {@code excluded}, so that node can coordinate from outside. */
    private static String keyNotReplicatedOn(TestCluster cluster, int excluded) {
        for (int i = 0; i < 10_000; i++) {
            String key = "key-" + i;
            if (!cluster.replicasOf(key.getBytes(StandardCharsets.UTF_8)).contains(excluded)) {
                return key;
            }
        }
        throw new IllegalStateException("no such key");
    }

    @Test
    void aKeyWrittenThroughOneNodeIsReadThroughAnother() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3).startAll();
             Jedis first = new Jedis("127.0.0.1", cluster.respPort(1));
             Jedis third = new Jedis("127.0.0.1", cluster.respPort(3))) {
            assertThat(cl(first, "QUORUM", "SET", "city", "Porto")).isEqualTo("OK");
            assertThat(cl(third, "QUORUM", "GET", "city")).isEqualTo("Porto");
            assertThat(third.incr("visits")).isEqualTo(1);
            assertThat(first.get("visits")).isEqualTo("1");
        }
    }

    @Test
    void quorumWriteIsReadAtQuorumWithOneReplicaDownAndAllIsUnavailable() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3).startAll();
             Jedis coordinator = new Jedis("127.0.0.1", cluster.respPort(1))) {
            assertThat(cl(coordinator, "QUORUM", "SET", "k", "v1")).isEqualTo("OK");

            cluster.stop(3);
            cluster.awaitView();

            assertThat(cl(coordinator, "QUORUM", "GET", "k")).isEqualTo("v1");
            assertThat(cl(coordinator, "QUORUM", "SET", "k", "v2")).isEqualTo("OK");
            assertThatThrownBy(() -> cl(coordinator, "ALL", "GET", "k"))
                    .hasMessage("UNAVAILABLE ALL needs 3, 2 alive");
            assertThatThrownBy(() -> cl(coordinator, "ALL", "SET", "k", "v3"))
                    .hasMessage("UNAVAILABLE ALL needs 3, 2 alive");
        }
    }

    @Test
    void anyWriteSucceedsWithEveryReplicaDownAndIsReadableOnceTheyReturn() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "replication_factor", "1").startAll();
             Jedis coordinator = new Jedis("127.0.0.1", cluster.respPort(1))) {
            String key = keyNotReplicatedOn(cluster, 1);
            int replica = cluster.replicasOf(key.getBytes(StandardCharsets.UTF_8)).get(0);
            cluster.stop(replica);
            cluster.awaitView();

            assertThatThrownBy(() -> cl(coordinator, "ONE", "SET", key, "hinted"))
                    .hasMessage("UNAVAILABLE ONE needs 1, 0 alive");
            assertThat(cl(coordinator, "ANY", "SET", key, "hinted")).isEqualTo("OK");
            assertThat(cluster.node(1).hints().countFor(replica)).isEqualTo(1);

            cluster.start(replica);
            cluster.awaitView();
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.node(1).hints().countFor(replica) == 0);
            assertThat(cl(coordinator, "ONE", "GET", key)).isEqualTo("hinted");
        }
    }

    @Test
    void aStaleReplicaIsRepairedByAQuorumReadBeforeTheAnswer() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "hinted_handoff_enabled", "false").startAll();
             Jedis first = new Jedis("127.0.0.1", cluster.respPort(1))) {
            byte[] key = "repair-me".getBytes(StandardCharsets.UTF_8);
            assertThat(cl(first, "ALL", "SET", "repair-me", "old")).isEqualTo("OK");
            cluster.stop(3);
            cluster.awaitView();
            assertThat(cl(first, "QUORUM", "SET", "repair-me", "new")).isEqualTo("OK");
            cluster.start(3);
            cluster.awaitView();
            Cell stale = cluster.node(3).storage().read(key);
            assertThat(new String(stale.value(), StandardCharsets.UTF_8)).isEqualTo("old");

            try (Jedis third = new Jedis("127.0.0.1", cluster.respPort(3))) {
                // Node 3 asks itself first and one other replica; the other holds the newer cell.
                assertThat(cl(third, "QUORUM", "GET", "repair-me")).isEqualTo("new");
            }
            Cell repaired = cluster.node(3).storage().read(key);
            assertThat(new String(repaired.value(), StandardCharsets.UTF_8)).isEqualTo("new");
        }
    }

    @Test
    void fiveNodesPlaceEachKeyOnThreeReplicas() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 5).startAll();
             Jedis coordinator = new Jedis("127.0.0.1", cluster.respPort(2))) {
            assertThat(cl(coordinator, "ALL", "SET", "spread", "x")).isEqualTo("OK");
            List<Integer> replicas = cluster.replicasOf("spread".getBytes(StandardCharsets.UTF_8));
            assertThat(replicas).hasSize(3).doesNotHaveDuplicates();
            for (int id = 1; id <= 5; id++) {
                Cell cell = cluster.node(id).storage().read("spread".getBytes(StandardCharsets.UTF_8));
                assertThat(cell != null).as("node %d holds the key", id).isEqualTo(replicas.contains(id));
            }
        }
    }

    /**
     * A restarted node knows the ring from its last run before any gossip arrives, so it never
     * answers as the only replica of a key from its own stale copy; its peers count as Down until
     * gossip says otherwise, so a QUORUM read through it is either UNAVAILABLE or current.
     */
    @Test
    void aRestartedNodeKnowsTheRingBeforeGossipAndNeverServesItsStaleCopy() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3).startAll();
             Jedis first = new Jedis("127.0.0.1", cluster.respPort(1))) {
            assertThat(cl(first, "QUORUM", "SET", "k", "old")).isEqualTo("OK");
            cluster.stop(3);
            cluster.awaitView();
            assertThat(cl(first, "QUORUM", "SET", "k", "new")).isEqualTo("OK");

            cluster.start(3);
            assertThat(cluster.node(3).membership().ring().replicasForKey("k".getBytes(StandardCharsets.UTF_8)))
                    .as("the ring node 3 knows at once").hasSize(3);
            try (Jedis third = new Jedis("127.0.0.1", cluster.respPort(3))) {
                try {
                    assertThat(cl(third, "QUORUM", "GET", "k")).isEqualTo("new");
                } catch (redis.clients.jedis.exceptions.JedisDataException notYet) {
                    assertThat(notYet.getMessage()).startsWith("UNAVAILABLE QUORUM");
                }
                cluster.awaitAllUp();
                assertThat(cl(third, "QUORUM", "GET", "k")).isEqualTo("new");
            }
        }
    }
}
