package io.ringkv.cli;

import static io.ringkv.cli.KeyPlacements.keyAvoiding;
import static io.ringkv.cli.KeyPlacements.replicas;
import static io.ringkv.cli.LocalClusterProcessTest.cl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The keyspace across four node processes (replication factor 3): RENAME of a hash to a key whose
 * replicas are other nodes moves every field and the TTL, and the old key is gone through every
 * node; COPY of a set does the same and leaves the source.
 */
class KeyspaceClusterTest {
    private static final int NODES = 4;
    private static final long YEAR_2100 = 4_102_444_800L;

    @TempDir
    Path dataDir;

    private int basePort;

    @AfterEach
    void down() {
        RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString());
    }

    @Test
    void renameAndCopyMoveWholeValuesBetweenReplicaSets() throws Exception {
        basePort = LocalClusterProcessTest.freeBasePort();
        assertThat(RingkvCli.commandLine().execute("cluster", "up", "--nodes", String.valueOf(NODES), "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(),
                "--gossip-interval-ms", "200")).isZero();
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            fields.put("f" + i, "v" + i);
        }
        try (Jedis node1 = node(1)) {
            String source = "profile";
            String target = keyAvoiding(node1, "moved-", replicas(node1, source));
            assertThat(node1.hset(source, fields)).isEqualTo(500);
            assertThat(node1.expireAt(source, YEAR_2100)).isEqualTo(1);
            assertThat(node1.rename(source, target)).isEqualTo("OK");

            String set = "tags";
            String copy = keyAvoiding(node1, "copied-", replicas(node1, set));
            assertThat(node1.sadd(set, "a", "b", "c")).isEqualTo(3);
            assertThat(node1.copy(set, copy, false)).isTrue();
            for (int node = 1; node <= NODES; node++) {
                try (Jedis jedis = node(node)) {
                    assertThat(cl(jedis, "QUORUM", "EXISTS", source)).as("node %d", node).isEqualTo("0");
                    assertThat(jedis.hgetAll(target)).as("node %d", node).isEqualTo(fields);
                    assertThat(jedis.expireTime(target)).isEqualTo(YEAR_2100);
                    assertThat(jedis.smembers(copy)).as("node %d", node).isEqualTo(Set.of("a", "b", "c"));
                    assertThat(jedis.smembers(set)).isEqualTo(Set.of("a", "b", "c"));
                    assertThat(cl(jedis, "QUORUM", "TYPE", copy)).isEqualTo("set");
                }
            }
            assertThat(List.of(node1.renamenx(copy, set))).containsExactly(0L);
        }
    }

    private Jedis node(int id) {
        return new Jedis("127.0.0.1", basePort + id - 1);
    }
}
