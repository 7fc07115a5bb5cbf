package io.ringkv.coordinator.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.node.RingkvNode;
import io.ringkv.coordinator.node.TestCluster;
import static io.ringkv.coordinator.node.RespCalls.cl;
import static io.ringkv.coordinator.node.RespCalls.command;
import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.Cell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * A replica that was down (and, with hints off, missed writes and deletes) is brought back in line
 * by REPAIR over RESP: afterwards all replicas hold identical cells, their Merkle roots agree, and
 * no deleted key has come back.
 */
class RepairIntegrationTest {
    @TempDir
    Path root;

    @Test
    void repairBringsAStaleReplicaBackWithoutResurrectingDeletes() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "hinted_handoff_enabled", "false").startAll()) {
            try (Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
                for (int i = 0; i < 300; i++) {
                    assertThat(cl(node1, "ALL", "SET", "key:" + i, "v" + i)).isEqualTo("OK");
                }
                cluster.stop(3);
                cluster.awaitView();
                for (int i = 300; i < 400; i++) {
                    assertThat(cl(node1, "QUORUM", "SET", "key:" + i, "new" + i)).isEqualTo("OK");
                }
                for (int i = 0; i < 50; i++) {
                    assertThat(cl(node1, "QUORUM", "SET", "key:" + i, "updated" + i)).isEqualTo("OK");
                }
                for (int i = 50; i < 100; i++) {
                    assertThat(cl(node1, "QUORUM", "DEL", "key:" + i)).isEqualTo("1");
                }
            }
            cluster.start(3);
            cluster.awaitView();
            // The stale replica really is stale: it misses the new keys and still holds deleted values.
            assertThat(cluster.node(3).storage().read(bytes("key:350"))).isNull();
            assertThat(cluster.node(3).storage().read(bytes("key:75")).isTombstone()).isFalse();
            assertThat(contents(cluster.node(3))).isNotEqualTo(contents(cluster.node(1)));

            String report;
            try (Jedis node2 = new Jedis("127.0.0.1", cluster.respPort(2), 30_000)) {
                report = command(node2, "REPAIR");
            }
            assertThat(report).contains("summary: ranges=" + cluster.node(2).membership().ring().ranges().size() + " failed=0");
            long repaired = report.lines().filter(l -> l.startsWith("range="))
                    .mapToLong(l -> field(l, "keys_repaired")).sum();
            assertThat(repaired).isEqualTo(200);

            Map<String, Cell> expected = contents(cluster.node(1));
            assertThat(expected).hasSize(400);
            for (int id = 2; id <= 3; id++) {
                assertThat(contents(cluster.node(id))).isEqualTo(expected);
            }
            List<TokenRange> ranges = cluster.node(1).membership().ring().ranges();
            for (TokenRange range : ranges) {
                long root1 = cluster.node(1).merkleTrees().tree(range, ranges).root();
                for (int id = 2; id <= 3; id++) {
                    assertThat(cluster.node(id).merkleTrees().tree(range, ranges).root()).isEqualTo(root1);
                }
            }
            for (int id = 1; id <= 3; id++) {
                var trees = cluster.node(id).merkleTrees();
                assertThat(trees.current().orElseThrow().sameAs(trees.scanFresh())).isTrue();
            }
            try (Jedis node3 = new Jedis("127.0.0.1", cluster.respPort(3))) {
                for (int i = 50; i < 100; i++) {
                    assertThat(cl(node3, "ONE", "GET", "key:" + i)).isNull();
                }
                assertThat(cl(node3, "ONE", "GET", "key:10")).isEqualTo("updated10");
                assertThat(command(node3, "INFO", "repair")).contains("repair_ranges_repaired:0");
            }
            try (Jedis node2 = new Jedis("127.0.0.1", cluster.respPort(2))) {
                assertThat(command(node2, "INFO", "repair")).contains("repair_keys_repaired:200");
                // A second repair finds nothing to stream.
                String again = command(node2, "REPAIR");
                assertThat(again.lines().filter(l -> l.startsWith("range="))
                        .mapToLong(l -> field(l, "keys_repaired")).sum()).isZero();
            }
        }
    }

    /**
     * A replica killed and restarted is repaired at once through a node that had been failing to
     * reach it: that node's channel to the replica must not still be waiting out a reconnect
     * back-off when gossip already reports the replica Up (found running the README's tour).
     */
    @Test
    void repairThroughANodeThatFailedToReachTheReplicaWorksAsSoonAsTheReplicaIsUp() throws Exception {
        try (TestCluster cluster = new TestCluster(root, 3, "hinted_handoff_enabled", "false").startAll()) {
            try (Jedis node1 = new Jedis("127.0.0.1", cluster.respPort(1))) {
                cluster.stop(3);
                // Writes at ONE keep going to node 3 until node 1 sees it Down, each failing to connect.
                int written = 0;
                while (cluster.node(1).membership().isUp(3) && written < 10_000) {
                    assertThat(cl(node1, "ONE", "SET", "key:" + written, "v" + written)).isEqualTo("OK");
                    written++;
                }
                assertThat(written).isPositive();
                cluster.awaitView();
                cluster.start(3);
                cluster.awaitView();
                String report = command(node1, "REPAIR");
                assertThat(report).contains("failed=0");
            }
        }
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " missing in " + line);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Cell> contents(RingkvNode node) {
        Map<String, Cell> out = new HashMap<>();
        node.storage().visit((token, key, cell) -> out.put(new String(key, StandardCharsets.UTF_8), cell));
        return out;
    }
}
