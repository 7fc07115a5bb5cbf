package io.ringkv.cli;

import static io.ringkv.cli.KeyPlacements.keyAvoiding;
import static io.ringkv.cli.KeyPlacements.replicas;
import static io.ringkv.cli.LocalClusterProcessTest.cl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * The keyspace across four node processes (replication factor 3): RENAME of a hash to a key whose
 * replicas are other nodes moves every field and the TTL, and the old key is gone through every
 * node; COPY of a set does the same and leaves the source. SCAN (through redis-cli --scan), KEYS,
 * DBSIZE and RANDOMKEY see every key of the cluster once, through any node.
 */
class KeyspaceClusterTest {
    private static final int NODES = 4;
    private static final long YEAR_2100 = 4_102_444_800L;

    @RegisterExtension
    final LauncherClusters clusters = new LauncherClusters();

    private LauncherCluster cluster;

    @Test
    void renameAndCopyMoveWholeValuesBetweenReplicaSets() throws Exception {
        cluster = clusters.start(NODES);
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

    @Test
    void scanKeysAndDbsizeCoverTheWholeCluster() throws Exception {
        cluster = clusters.start(NODES);
        int keys = 100_000;
        StringBuilder load = new StringBuilder();
        Set<String> users = new java.util.TreeSet<>();
        for (int i = 0; i < keys; i++) {
            switch (i % 4) {
                case 0 -> resp(load, "SET", "str:" + i, "v");
                case 1 -> {
                    resp(load, "HSET", "user:" + i, "name", "n" + i);
                    users.add("user:" + i);
                }
                case 2 -> resp(load, "SADD", "tags:" + i, "a", "b");
                default -> resp(load, "INCR", "count:" + i);
            }
        }
        assertThat(redisCli(load.toString(), "-p", String.valueOf(cluster.respPort(1)), "--pipe")).contains("errors: 0, replies: " + keys);

        List<String> scanned = lines(redisCli("", "-p", String.valueOf(cluster.respPort(1)), "--scan"));
        assertThat(scanned).as("redis-cli --scan through node 1").hasSize(keys).doesNotHaveDuplicates();
        List<String> matched = lines(redisCli("", "-p", String.valueOf(cluster.respPort(2)), "--scan", "--pattern", "user:*"));
        assertThat(new java.util.TreeSet<>(matched)).as("--scan --pattern 'user:*' through node 2").isEqualTo(users);
        assertThat(matched).hasSize(users.size());
        for (int node = 1; node <= NODES; node++) {
            try (Jedis jedis = cluster.node(node, 60_000)) {
                assertThat(jedis.dbSize()).as("DBSIZE through node %d", node).isEqualTo(keys);
            }
        }
        try (Jedis node3 = cluster.node(3, 60_000)) {
            Set<String> hashes = new java.util.TreeSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                redis.clients.jedis.resps.ScanResult<String> page = node3.scan(cursor,
                        new redis.clients.jedis.params.ScanParams().count(5_000), "hash");
                hashes.addAll(page.getResult());
                cursor = page.getCursor();
                calls++;
            } while (!cursor.equals("0") && calls < 1_000);
            assertThat(hashes).as("SCAN ... TYPE hash through node 3").isEqualTo(users);
            assertThat(node3.keys("count:1?")).as("count:3, count:7, count:11... of them count:11, 15 and 19")
                    .containsExactlyInAnyOrder("count:11", "count:15", "count:19");
            assertThat(node3.randomKey()).matches("(str|user|tags|count):[0-9]+");
        }
    }

    /**
     * FLUSHALL while node 3 is stopped: once node 3 is back, no key written before the flush is
     * readable at ONE through any node (node 3 included, which held replicas of them); a key written
     * after it is, everywhere; a restart of every node keeps both.
     */
    @Test
    void flushAllReachesANodeThatWasDownAndSurvivesRestarts() throws Exception {
        cluster = clusters.start(NODES);
        List<String> before = new java.util.ArrayList<>();
        try (Jedis node1 = node(1)) {
            for (int i = 0; i < 200; i++) {
                before.add("pre:" + i);
                assertThat(cl(node1, "ALL", "SET", "pre:" + i, "v")).isEqualTo("OK");
            }
            before.add("pre:hash");
            assertThat(cl(node1, "ALL", "HSET", "pre:hash", "f", "v")).isEqualTo("1");
        }
        long pid = cluster.pid(3);
        ProcessHandle node3Process = ProcessHandle.of(pid).orElseThrow();
        node3Process.destroy();
        node3Process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        String flushVersion;
        try (Jedis node1 = node(1)) {
            await().atMost(java.time.Duration.ofSeconds(60)).until(() -> node1.info("replication").contains("nodes_up:3"));
            assertThat(node1.flushAll()).isEqualTo("OK");
            assertThat(cl(node1, "QUORUM", "SET", "post", "after")).isEqualTo("OK");
            flushVersion = infoField(node1.info("persistence"), "flushall_version");
            assertThat(flushVersion).isNotEqualTo("0");
        }
        assertThat(cluster.up()).isZero();
        try (Jedis node3 = node(3)) {
            await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> infoField(node3.info("persistence"), "flushall_version").equals(flushVersion));
        }
        assertFlushedEverywhere(before);

        cluster.down();
        assertThat(cluster.up()).isZero();
        assertFlushedEverywhere(before);
    }

    private void assertFlushedEverywhere(List<String> before) {
        for (int node = 1; node <= NODES; node++) {
            try (Jedis jedis = node(node)) {
                List<String> command = new java.util.ArrayList<>(List.of("EXISTS"));
                command.addAll(before);
                assertThat(cl(jedis, "ONE", command.toArray(String[]::new))).as("pre-flush keys through node %d", node)
                        .isEqualTo("0");
                await().atMost(java.time.Duration.ofSeconds(60)).until(() -> "after".equals(cl(jedis, "ONE", "GET", "post")));
            }
        }
    }

    private static String infoField(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    private static void resp(StringBuilder out, String... args) {
        out.append('*').append(args.length).append("\r\n");
        for (String arg : args) {
            out.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
    }

    private static List<String> lines(String output) {
        return output.isEmpty() ? List.of() : List.of(output.split("\n"));
    }

    /** Runs Debian's redis-cli with {@code input} on its standard input; its output. */
    private static String redisCli(String input, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("redis-cli"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new String(output, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    private Jedis node(int id) {
        return cluster.node(id);
    }
}
