package io.ringkv.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A local cluster of node processes started through the launcher ({@code ringkv cluster up}), for
 * cluster tests: on a free base port, with its data under the test's directory; {@link #close}
 * stops every node.
 */
final class LauncherCluster implements AutoCloseable {
    private final Path dataDir;
    private final int nodes;
    private final int basePort;
    private final List<String> flags;

    private LauncherCluster(Path dataDir, int nodes, int basePort, List<String> flags) {
        this.dataDir = dataDir;
        this.nodes = nodes;
        this.basePort = basePort;
        this.flags = flags;
    }

    /** Starts {@code nodes} nodes (gossip every 200 ms, plus {@code flags}) and returns once all are Up. */
    static LauncherCluster start(Path dataDir, int nodes, String... flags) throws IOException {
        LauncherCluster cluster = new LauncherCluster(dataDir, nodes, LocalClusterProcessTest.freeBasePort(), List.of(flags));
        if (cluster.up() != 0) {
            cluster.close();
            throw new IllegalStateException("cluster up failed");
        }
        return cluster;
    }

    /** {@code cluster up}: starts the nodes that are not running; its exit code. */
    int up() {
        List<String> args = new ArrayList<>(List.of("cluster", "up", "--nodes", String.valueOf(nodes), "--detach",
                "--base-port", String.valueOf(basePort), "--data-dir", dataDir.toString(), "--gossip-interval-ms", "200"));
        args.addAll(flags);
        return RingkvCli.commandLine().execute(args.toArray(String[]::new));
    }

    /** {@code cluster down}: stops every node (their data stays). */
    void down() {
        RingkvCli.commandLine().execute("cluster", "down", "--data-dir", dataDir.toString());
    }

    int respPort(int node) {
        return basePort + node - 1;
    }

    Jedis node(int id) {
        return new Jedis("127.0.0.1", respPort(id));
    }

    Jedis node(int id, int timeoutMs) {
        return new Jedis("127.0.0.1", respPort(id), timeoutMs);
    }

    Path dataDir(int node) {
        return dataDir.resolve("node" + node);
    }

    /** The process id of a running node, from its pid file (to kill it). */
    long pid(int node) throws IOException {
        return Long.parseLong(java.nio.file.Files.readString(dataDir(node).resolve("node.pid")).trim());
    }

    @Override
    public void close() {
        down();
    }
}
