package io.ringkv.cli;

import io.ringkv.cli.shell.ShellCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code ringkv cluster up|status|down}: a local cluster of node processes on 127.0.0.1. */
@Command(name = "cluster", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Start, inspect and stop a local cluster on 127.0.0.1.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Status.class, ClusterCommand.Down.class})
final class ClusterCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static class Location {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
                description = "where the nodes keep their data, pid and log files (default: ${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--base-port", paramLabel = "P",
                description = "node k gets RESP port P+k-1, gRPC P+100+k-1, HTTP P+200+k-1 (default: the one "
                        + "the cluster under --data-dir was started with, else 7001)")
        Integer basePort;

        /** Remembered by {@code up} so that {@code status} and {@code down} find the nodes without being told. */
        private Path basePortFile() {
            return dataDir.resolve("base-port");
        }

        int basePort() {
            if (basePort != null) {
                return basePort;
            }
            try {
                return java.nio.file.Files.exists(basePortFile())
                        ? Integer.parseInt(java.nio.file.Files.readString(basePortFile()).trim()) : 7001;
            } catch (java.io.IOException | NumberFormatException e) {
                return 7001;
            }
        }

        void rememberBasePort() throws java.io.IOException {
            java.nio.file.Files.createDirectories(dataDir);
            java.nio.file.Files.writeString(basePortFile(), basePort() + "\n");
        }

        LocalCluster cluster() {
            return new LocalCluster(dataDir, basePort());
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Start the nodes (those not running already) and wait until all are Up. "
            + "Config flags after the options (e.g. --appendfsync always) go to every node. Without --detach, "
            + "opens the shell at a terminal (else waits) and stops the nodes when it ends.")
    static final class Up extends Location implements Callable<Integer> {
        @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "number of nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--detach", description = "return once the cluster is Up and leave the nodes running")
        boolean detach;

        @Unmatched
        List<String> nodeFlags = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (nodes < 1 || nodes > 100) {
                System.err.println("ringkv cluster up: --nodes must be from 1 to 100, got " + nodes);
                return 2;
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            LocalCluster cluster = cluster();
            rememberBasePort();
            for (int node = 1; node <= nodes; node++) {
                boolean started = cluster.start(node, nodes, nodeFlags);
                out.printf("node %d: %s (RESP %d, log %s)%n", node, started ? "started" : "already running",
                        cluster.respPort(node), cluster.nodeDir(node).resolve("node.log"));
            }
            try {
                cluster.awaitUp(nodes);
            } catch (java.io.IOException e) {
                System.err.println("ringkv cluster up: " + e.getMessage());
                return 1;
            }
            out.printf("cluster up: %d nodes. Connect with: redis-cli -p %d   (any node: ports %d-%d)%n", nodes,
                    cluster.respPort(1), cluster.respPort(1), cluster.respPort(nodes));
            if (detach) {
                out.println("detached; stop with: ./ringkv cluster down --data-dir " + dataDir);
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    int count = cluster.stopAll();
                    if (count > 0) {
                        out.println("stopped " + count + " nodes");
                        out.flush();
                    }
                } catch (java.io.IOException e) {
                    System.err.println("ringkv cluster: " + e.getMessage());
                } finally {
                    stopped.countDown();
                }
            }));
            if (System.console() != null) {
                out.println("opening the shell on node 1; leaving it stops every node");
                int exit = new picocli.CommandLine(new ShellCommand()).execute("--port", String.valueOf(cluster.respPort(1)));
                // Stopped here rather than by the hook alone: JLine's own exit hook closes standard
                // output, so the hook could not say so. The hook still covers Ctrl-C during a command.
                out.println("stopped " + cluster.stopAll() + " nodes");
                return exit;
            }
            out.println("running in the foreground; Ctrl-C (or ./ringkv cluster down) stops every node");
            // Ends too when the nodes stop some other way (`cluster down` from another terminal).
            List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
            for (int node : cluster.knownNodes()) {
                cluster.running(node).ifPresent(process -> exits.add(process.onExit()));
            }
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).thenRun(() -> {
                        out.println("every node has stopped");
                        stopped.countDown();
                    });
            stopped.await();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Show each node of the cluster under --data-dir: process, Up/Down, ring share.")
    static final class Status extends Location implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LocalCluster cluster = cluster();
            List<Integer> nodes = cluster.knownNodes();
            if (nodes.isEmpty()) {
                System.out.println("no cluster under " + dataDir.toAbsolutePath().normalize());
                return 1;
            }
            Integer answering = null;
            for (int node : nodes) {
                Optional<ProcessHandle> process = cluster.running(node);
                System.out.printf("node %d  pid %-8s RESP %d  %s%n", node,
                        process.map(p -> String.valueOf(p.pid())).orElse("-"), cluster.respPort(node),
                        process.isPresent() ? "running" : "stopped");
                if (answering == null && process.isPresent() && cluster.nodesUpSeenBy(node) >= 0) {
                    answering = node;
                }
            }
            if (answering == null) {
                System.out.println("no node answers");
                return 1;
            }
            try (RespClient client = new RespClient("127.0.0.1", cluster.respPort(answering), 2000)) {
                System.out.println("ring as node " + answering + " sees it:");
                System.out.print(client.call("RING"));
            }
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Stop every node of the cluster under --data-dir (their data stays).")
    static final class Down extends Location implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            System.out.println("stopped " + cluster().stopAll() + " nodes");
            return 0;
        }
    }
}
