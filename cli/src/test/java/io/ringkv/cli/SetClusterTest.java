package io.ringkv.cli;

import static io.ringkv.cli.KeyPlacements.keyAvoiding;
import static io.ringkv.cli.KeyPlacements.keyWithReplica;
import static io.ringkv.cli.KeyPlacements.replicas;
import static io.ringkv.cli.LocalClusterProcessTest.cl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Sets on five node processes (replication factor 3, so keys live on different nodes) started
 * through the launcher: an SREM through node 1 and an SADD of the same member through node 3 on
 * the other side of a partition leave the member on every replica after heal and REPAIR (the SREM
 * removes only the add it saw), while a member only an SREM touched stays removed; SINTERSTORE,
 * SUNION, SDIFF and SINTERCARD over keys whose replica sets differ answer what set algebra does.
 */
class SetClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int NODES = 5;

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void anAddWinsOverAConcurrentRemoveAndAlgebraSpansNodes() throws Exception {
        cluster = clusters.start(NODES);

        String tags;
        List<Integer> tagsReplicas;
        try (Jedis node1 = node(1)) {
            tags = keyWithReplica(node1, "tags-", 3);
            tagsReplicas = replicas(node1, tags);
            assertThat(cl(node1, "ALL", "SADD", tags, "red", "green", "blue")).isEqualTo("3");
        }
        try (Jedis node3 = node(3)) {
            assertThat(node3.sendCommand(() -> bytes("FAULT"), "PARTITION", "1", "2", "4", "5")).isNotNull();
        }
        try (Jedis node1 = node(1); Jedis node3 = node(3)) {
            assertThat(cl(node1, "ONE", "SREM", tags, "red")).isEqualTo("1");
            assertThat(cl(node3, "ONE", "SADD", tags, "red")).as("node 3 has not seen the SREM").isEqualTo("0");
            assertThat(cl(node3, "ONE", "SREM", tags, "green")).isEqualTo("1");
            assertThat(cl(node1, "ONE", "SISMEMBER", tags, "red")).isEqualTo("0");
            node3.sendCommand(() -> bytes("FAULT"), "HEAL");
            await().atMost(TIMEOUT).until(() -> node1.info("replication").contains("nodes_up:" + NODES)
                    && node3.info("replication").contains("nodes_up:" + NODES));
        }
        try (Jedis node1 = cluster.node(1, 60_000)) {
            String report = new String((byte[]) node1.sendCommand(() -> bytes("REPAIR")), StandardCharsets.UTF_8);
            assertThat(report).contains("failed=0");
        }
        for (int replica : tagsReplicas) {
            try (Jedis jedis = node(replica)) {
                // ONE through a replica reads its own copy: each holds the merged set.
                assertThat(cl(jedis, "ONE", "SISMEMBER", tags, "red")).as("node %d", replica).isEqualTo("1");
                assertThat(cl(jedis, "ONE", "SISMEMBER", tags, "green")).as("node %d", replica).isEqualTo("0");
                assertThat(cl(jedis, "ONE", "SCARD", tags)).as("node %d", replica).isEqualTo("2");
            }
        }

        try (Jedis node2 = node(2)) {
            String left = keyWithReplica(node2, "left-", 1);
            String right = keyAvoiding(node2, "right-", replicas(node2, left));
            Set<String> leftMembers = members("a", 0, 40);
            Set<String> rightMembers = members("a", 25, 60);
            assertThat(addAtQuorum(node2, left, leftMembers)).isEqualTo(String.valueOf(leftMembers.size()));
            assertThat(addAtQuorum(node2, right, rightMembers)).isEqualTo(String.valueOf(rightMembers.size()));

            Set<String> both = new TreeSet<>(leftMembers);
            both.retainAll(rightMembers);
            String dest = keyAvoiding(node2, "dest-", replicas(node2, right));
            assertThat(node2.sinterstore(dest, left, right)).isEqualTo(both.size());
            assertThat(node2.smembers(dest)).isEqualTo(both);
            assertThat(node2.sintercard(1, left, right)).as("SINTERCARD with LIMIT 1").isEqualTo(1);

            Set<String> either = new TreeSet<>(leftMembers);
            either.addAll(rightMembers);
            assertThat(node2.sunion(left, right)).isEqualTo(either);
            Set<String> onlyLeft = new TreeSet<>(leftMembers);
            onlyLeft.removeAll(rightMembers);
            assertThat(node2.sdiff(left, right)).isEqualTo(onlyLeft);
        }
    }

    private Jedis node(int id) {
        return cluster.node(id);
    }

    private static String addAtQuorum(Jedis jedis, String key, Set<String> members) {
        List<String> command = new ArrayList<>(List.of("SADD", key));
        command.addAll(members);
        return cl(jedis, "QUORUM", command.toArray(String[]::new));
    }

    private static Set<String> members(String prefix, int from, int to) {
        Set<String> members = new TreeSet<>();
        for (int i = from; i < to; i++) {
            members.add(prefix + i);
        }
        return members;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
