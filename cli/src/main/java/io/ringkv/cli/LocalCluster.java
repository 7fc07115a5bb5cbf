package io.ringkv.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local cluster of node processes on 127.0.0.1, laid out under one data directory: node k
 * lives in {@code <data-dir>/node<k>} with its {@code node.pid} and {@code node.log}, and listens
 * on RESP {@code base+k-1}, gRPC {@code base+100+k-1} and HTTP {@code base+200+k-1}. Node 1 is
 * the seed.
 */
final class LocalCluster {
    static final int GRPC_OFFSET = 100;
    static final int HTTP_OFFSET = 200;
    private static final String NODE_MARKER = "ringkv.local-cluster-node";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int basePort;

    LocalCluster(Path dataDir, int basePort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.basePort = basePort;
    }

    int respPort(int node) {
        return basePort + node - 1;
    }

    int grpcPort(int node) {
        return basePort + GRPC_OFFSET + node - 1;
    }

    Path nodeDir(int node) {
        return dataDir.resolve("node" + node);
    }

    /** Node numbers that have a directory here, in order. */
    List<Integer> knownNodes() throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dataDir)) {
            return out;
        }
        for (int node = 1; node <= 1000 && Files.isDirectory(nodeDir(node)); node++) {
            out.add(node);
        }
        return out;
    }

    Optional<ProcessHandle> running(int node) throws IOException {
        Path pidFile = nodeDir(node).resolve("node.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(NODE_MARKER) || c.contains("RingkvCli")
                        || c.contains("ringkv")).orElse(true));
    }

    /** Starts node {@code node} unless it runs already; returns true if it started it. */
    boolean start(int node, int nodes, List<String> extraFlags) throws IOException {
        if (running(node).isPresent()) {
            return false;
        }
        Path dir = nodeDir(node);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            // Its own session, so closing the terminal that ran "cluster up --detach" leaves it running.
            command.add("/usr/bin/setsid");
        }
        // The marker comes before the classpath: Linux shows only a process's first 4096 bytes of
        // command line, and running() must recognise our node even behind a long classpath.
        command.addAll(List.of(javaBinary(), "-D" + NODE_MARKER + "=" + node));
        command.addAll(launcherJvmFlags(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RingkvCli.class.getName(), "node",
                "--node-id", String.valueOf(node),
                "--resp-port", String.valueOf(respPort(node)),
                "--grpc-port", String.valueOf(grpcPort(node)),
                "--http-port", String.valueOf(basePort + HTTP_OFFSET + node - 1),
                "--data-dir", dir.toString(),
                "--seeds", "127.0.0.1:" + grpcPort(1)));
        command.addAll(threadFlags(nodes, extraFlags));
        command.addAll(extraFlags);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.log").toFile()))
                .redirectErrorStream(true)
                .start();
        Files.writeString(dir.resolve("node.pid"), javaPid(process) + "\n", StandardCharsets.US_ASCII);
        return true;
    }

    /**
     * The nodes share this machine's cores, so each gets its share of event-loop threads (at least
     * one; internode gRPC runs on the same loops), unless the user chose them. More threads than
     * cores only add context switches between the nodes.
     */
    static List<String> threadFlags(int nodes, List<String> extraFlags) {
        int perNode = Math.max(1, Runtime.getRuntime().availableProcessors() / nodes);
        String flag = "--io-threads";
        if (extraFlags.stream().anyMatch(given -> given.equals(flag) || given.startsWith(flag + "="))) {
            return List.of();
        }
        return List.of(flag, String.valueOf(perNode));
    }

    /**
     * The flags the {@code ./ringkv} launcher gave this JVM for a faster node start (its class-data
     * archive, huge pages), which the node processes should get too. The archive fits them: they
     * run the same jar on the same JVM.
     */
    static List<String> launcherJvmFlags(List<String> ownFlags) {
        return ownFlags.stream().filter(flag -> flag.startsWith("-XX:SharedArchiveFile=") || flag.startsWith("-Xshare:")
                || flag.startsWith("-Xlog:cds") || flag.equals("-XX:+UseTransparentHugePages")).toList();
    }

    /** With setsid in front, the JVM is setsid's child (setsid execs it, keeping the pid when it can). */
    private static long javaPid(Process process) {
        return process.children().findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Waits until every node answers and sees {@code nodes} nodes up; prints progress. */
    void awaitUp(int nodes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastReport = "";
        while (System.nanoTime() < deadline) {
            int ready = 0;
            for (int node = 1; node <= nodes; node++) {
                if (nodesUpSeenBy(node) == nodes) {
                    ready++;
                }
            }
            String report = "waiting for the cluster: " + ready + "/" + nodes + " nodes see all " + nodes + " Up";
            if (!report.equals(lastReport)) {
                System.out.println(report);
                lastReport = report;
            }
            if (ready == nodes) {
                return;
            }
            for (int node = 1; node <= nodes; node++) {
                if (running(node).isEmpty()) {
                    throw new IOException("node " + node + " exited; see " + nodeDir(node).resolve("node.log"));
                }
            }
            Thread.sleep(250);
        }
        throw new IOException("the cluster was not Up within " + READY_TIMEOUT.toSeconds() + " s; see the node.log files under "
                + dataDir);
    }

    /** How many nodes {@code node} sees Up, or -1 when it does not answer. */
    int nodesUpSeenBy(int node) {
        try (RespClient client = new RespClient("127.0.0.1", respPort(node), 1000)) {
            Object info = client.call("INFO", "replication");
            if (info instanceof String text) {
                for (String line : text.split("\r\n")) {
                    if (line.startsWith("nodes_up:")) {
                        return Integer.parseInt(line.substring("nodes_up:".length()).trim());
                    }
                }
            }
            return -1;
        } catch (IOException | RuntimeException notYet) {
            return -1;
        }
    }

    /** Stops every running node: SIGTERM, then SIGKILL after a while. Returns how many were stopped. */
    int stopAll() throws IOException {
        int stopped = 0;
        for (int node : knownNodes()) {
            Optional<ProcessHandle> process = running(node);
            if (process.isPresent()) {
                stop(process.get());
                stopped++;
            }
            Files.deleteIfExists(nodeDir(node).resolve("node.pid"));
        }
        return stopped;
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception slow) {
            process.destroyForcibly();
        }
    }
}
