package io.ringkv.coordinator.node;

import static io.ringkv.coordinator.node.RespCalls.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An EXEC's writes reach each replica as one batch: one AOF record per replica that holds any of
 * its keys, however many keys and commands; the queued commands read what the ones before them
 * wrote, across the cluster as on one node; and a transaction over max_transaction_bytes is refused
 * whole.
 */
class TransactionBatchTest {
    @TempDir
    Path root;

    @Test
    void eachReplicaGetsItsShareOfATransactionAsOneRecord() throws Exception {
        // Four nodes, three replicas per key: the keys spread over different replica sets.
        try (TestCluster cluster = new TestCluster(root, 4).startAll();
             Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1));
             Jedis node2 = new Jedis("127.0.0.1", cluster.respPort(2))) {
            command(node1, "CONSISTENCY", "QUORUM");
            List<String> keys = List.of("tx:a", "tx:b", "tx:c", "tx:d", "tx:e", "tx:f");
            Set<Integer> holders = new HashSet<>();
            keys.forEach(key -> holders.addAll(cluster.replicasOf(key.getBytes(StandardCharsets.UTF_8))));
            holders.addAll(cluster.replicasOf("tx:hash".getBytes(StandardCharsets.UTF_8)));
            long[] before = new long[5];
            for (int id = 1; id <= 4; id++) {
                before[id] = cluster.node(id).storage().stats().aofRecords();
            }

            Transaction multi = node1.multi();
            for (String key : keys) {
                multi.set(key, "v");
            }
            multi.append("tx:a", "w");
            multi.get("tx:a");
            multi.hset("tx:hash", "f", "1");
            multi.hset("tx:hash", "g", "2");
            multi.hget("tx:hash", "f");
            multi.del("tx:f");
            multi.exists("tx:f");
            List<Object> replies = multi.exec();

            assertThat(replies).hasSize(13);
            assertThat(replies.subList(6, 13)).containsExactly(2L, "vw", 1L, 1L, "1", 1L, false);
            for (int id = 1; id <= 4; id++) {
                int node = id;
                long expected = holders.contains(node) ? 1 : 0;
                // EXEC answered at QUORUM; the last replica's batch may still be on its way.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> cluster.node(node).storage().stats().aofRecords() - before[node] >= expected);
                assertThat(cluster.node(node).storage().stats().aofRecords() - before[node]).as("node %d", node)
                        .isEqualTo(expected);
            }
            assertThat(node2.get("tx:a")).isEqualTo("vw");
            assertThat(node2.hgetAll("tx:hash")).containsEntry("f", "1").containsEntry("g", "2");
            assertThat(node2.exists("tx:f")).isFalse();
        }
    }

    @Test
    void aTransactionWritingMoreThanTheLimitIsRefusedWhole() throws Exception {
        try (RingkvNode node = TestNode.start(root, "max_transaction_bytes", "1000");
             Jedis jedis = new Jedis("127.0.0.1", node.respPort())) {
            Transaction small = jedis.multi();
            small.set("small", "x".repeat(500));
            assertThat(small.exec()).containsExactly("OK");

            Transaction large = jedis.multi();
            large.set("large:1", "x".repeat(600));
            large.set("large:2", "x".repeat(600));
            assertThatThrownBy(large::exec).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("max_transaction_bytes").hasMessageContaining("(expected: <= 1000");
            assertThat(jedis.exists("large:1", "large:2")).as("neither write was applied").isZero();
            assertThat(jedis.get("small")).hasSize(500);
        }
    }
}
