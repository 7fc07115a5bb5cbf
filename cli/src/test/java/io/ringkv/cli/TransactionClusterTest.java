package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * Transactions on four node processes started through the launcher: WATCH through node 1 sees a
 * write made through node 3 (read at QUORUM), so EXEC answers nil and applies nothing; an EXEC
 * whose keys live on different replica sets is read back whole through the other nodes.
 */
class TransactionClusterTest {
    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void watchSeesAWriteThroughAnotherNodeAndExecSpansReplicaSets() throws Exception {
        cluster = clusters.start(4); // replication factor 3 of 4: the 20 keys spread over replica sets
        try (Jedis node1 = cluster.node(1); Jedis node2 = cluster.node(2); Jedis node3 = cluster.node(3)) {
            for (Jedis node : List.of(node1, node2, node3)) {
                assertThat(node.sendCommand(() -> "CONSISTENCY".getBytes(), "QUORUM")).isNotNull();
            }
            node1.set("balance", "100");
            assertThat(node1.watch("balance")).isEqualTo("OK");
            node3.set("balance", "90");
            Transaction stale = node1.multi();
            stale.set("balance", "200");
            assertThat(stale.exec()).as("EXEC after a write through node 3").isNull();
            assertThat(node2.get("balance")).isEqualTo("90");

            assertThat(node1.watch("balance")).isEqualTo("OK");
            Transaction fresh = node1.multi();
            for (int i = 0; i < 20; i++) {
                fresh.set("spread:" + i, "v" + i);
            }
            fresh.incrBy("balance", 10);
            List<Object> replies = fresh.exec();
            assertThat(replies).hasSize(21).last().isEqualTo(100L);
            for (Jedis reader : List.of(node2, node3)) {
                for (int i = 0; i < 20; i++) {
                    assertThat(reader.get("spread:" + i)).isEqualTo("v" + i);
                }
                assertThat(reader.get("balance")).isEqualTo("100");
            }
        }
    }
}
