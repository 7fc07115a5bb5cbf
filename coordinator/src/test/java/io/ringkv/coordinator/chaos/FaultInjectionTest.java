package io.ringkv.coordinator.chaos;

import static io.ringkv.coordinator.node.RespCalls.cl;
import static io.ringkv.coordinator.node.RespCalls.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ringkv.coordinator.node.TestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** FAULT over RESP against real nodes talking gRPC: partitions, delays, heal, and bad input. */
class FaultInjectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path root;

    @Test
    void aPartitionedNodeAnswersUnavailableWhileTheMajorityServesAndHealRestoresIt() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3).startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1));
             Jedis node2 = new Jedis("127.0.0.1", cluster.respPort(2))) {
            assertThat(command(node1, "FAULT", "PARTITION", "2", "3")).contains("partition from nodes [2, 3]");
            assertThat(command(node1, "FAULT", "LIST")).contains("partition from nodes [2, 3]");
            assertThat(command(node1, "INFO", "faults")).contains("faults_active:1");

            await().atMost(TIMEOUT).until(() -> !cluster.node(1).membership().isUp(2)
                    && !cluster.node(1).membership().isUp(3) && !cluster.node(2).membership().isUp(1));
            assertThatThrownBy(() -> cl(node1, "QUORUM", "SET", "k", "from-1"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("UNAVAILABLE");
            assertThat(cl(node2, "QUORUM", "SET", "k", "from-2")).isEqualTo("OK");
            assertThatThrownBy(() -> cl(node2, "ALL", "GET", "k"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("UNAVAILABLE");

            assertThat(command(node1, "FAULT", "HEAL")).contains("healed");
            assertThat(command(node1, "INFO", "faults")).contains("faults_active:0");
            cluster.awaitAllUp();
            assertThat(cl(node1, "QUORUM", "GET", "k")).isEqualTo("from-2");
        }
    }

    @Test
    void aDelayAboveTheRequestTimeoutIsATimeoutNotAHang() throws Exception {
        // A high conviction threshold keeps the delayed peers Up for a while, so the coordinator
        // still tries them and must give up on time.
        try (TestCluster cluster = new TestCluster(root, 3, "phi_convict_threshold", "1000").startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1), 10_000)) {
            assertThat(command(node1, "FAULT", "DELAY", "3000")).contains("delay 3000 ms to every peer");
            long started = System.nanoTime();
            assertThatThrownBy(() -> cl(node1, "ALL", "SET", "slow", "v"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("TIMEOUT ALL got").hasMessageEndingWith("of 3");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            command(node1, "FAULT", "HEAL");
            assertThat(cl(node1, "ALL", "SET", "slow", "v2")).isEqualTo("OK");
        }
    }

    /**
     * Replica batches travel on streams kept open per peer, so a fault must reach the next batch
     * on a stream opened before it, on the receiving side of a partition as on the sending side.
     */
    @Test
    void faultsInjectedWhileTheStreamsAreOpenApplyToTheNextBatch() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "phi_convict_threshold", "1000",
                "hinted_handoff_enabled", "false").startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1), 10_000);
             Jedis node2 = new Jedis("127.0.0.1", cluster.respPort(2), 10_000)) {
            assertThat(cl(node1, "ALL", "SET", "warm", "1")).isEqualTo("OK");
            assertThat(cl(node2, "ALL", "SET", "warm", "2")).isEqualTo("OK");

            command(node1, "FAULT", "PARTITION", "2");
            assertThatThrownBy(() -> cl(node2, "ALL", "SET", "cut", "v"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("TIMEOUT ALL got").hasMessageEndingWith("of 3");
            // The answer comes once ALL is impossible, maybe before node 3 acknowledged: wait for it.
            await().atMost(TIMEOUT).until(() -> cluster.node(3).storage().read("cut".getBytes(StandardCharsets.UTF_8)) != null);
            assertThat(cluster.node(1).storage().read("cut".getBytes(StandardCharsets.UTF_8))).isNull();

            command(node1, "FAULT", "HEAL");
            command(node1, "FAULT", "DELAY", "300");
            long started = System.nanoTime();
            assertThat(cl(node1, "ALL", "SET", "late", "v")).isEqualTo("OK");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void droppingEveryCallToOneNodeFailsAllButNotQuorum() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "phi_convict_threshold", "1000").startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
            command(node1, "FAULT", "DROP", "100", "3");
            assertThat(cl(node1, "QUORUM", "SET", "d", "v")).isEqualTo("OK");
            assertThatThrownBy(() -> cl(node1, "ALL", "SET", "d", "w"))
                    .isInstanceOf(JedisDataException.class).hasMessageStartingWith("TIMEOUT ALL got").hasMessageEndingWith("of 3");
        }
    }

    /**
     * A replica that missed a write without ever being seen Down gets it from the periodic hint
     * replay: no Down-to-Up change happens here, no read touches the key and no repair runs.
     */
    @Test
    void aHintForAReplicaThatNeverWentDownIsReplayedPeriodically() throws Exception {
        byte[] key = "hinted".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (TestCluster cluster = new TestCluster(root, 3, "phi_convict_threshold", "1000",
                "hint_replay_interval_ms", "300").startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
            command(node1, "FAULT", "DROP", "100", "3");
            assertThat(cl(node1, "QUORUM", "SET", "hinted", "v")).isEqualTo("OK");
            assertThat(cluster.node(3).storage().read(key)).as("node 3 missed the write").isNull();
            command(node1, "FAULT", "HEAL");
            await().atMost(TIMEOUT).until(() -> cluster.node(3).storage().read(key) != null);
            assertThat(new String(cluster.node(3).storage().read(key).value(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("v");
            assertThat(cluster.node(1).membership().isUp(3)).as("node 3 was never seen Down").isTrue();
        }
    }

    @Test
    void badFaultCommandsAreRefusedAndChangeNothing() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3).startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
            assertThatThrownBy(() -> command(node1, "FAULT", "DELAY", "soon"))
                    .hasMessageContaining("delay ms must be an integer");
            assertThatThrownBy(() -> command(node1, "FAULT", "PARTITION", "1"))
                    .hasMessageContaining("is this node");
            assertThatThrownBy(() -> command(node1, "FAULT", "DROP", "150"))
                    .hasMessageContaining("percentage from 0 to 100");
            assertThatThrownBy(() -> command(node1, "FAULT", "EXPLODE"))
                    .hasMessageContaining("unknown FAULT subcommand");
            assertThat(command(node1, "FAULT", "LIST")).isEqualTo("no faults\n");
        }
    }
}
