package io.ringkv.cli;

import io.netty.util.ResourceLeakDetector;
import io.ringkv.coordinator.config.ConfigException;
import io.ringkv.coordinator.config.ConfigKey;
import io.ringkv.coordinator.config.ConfigLoader;
import io.ringkv.coordinator.config.NodeConfig;
import io.ringkv.coordinator.node.RingkvNode;
import io.ringkv.storage.AofCorruptedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code ringkv node}: one node in the foreground until SIGINT/SIGTERM. Every config key is also
 * a flag ({@code --resp-port 7001}), as with redis-server; flags override the file, the file
 * overrides the defaults.
 */
@Command(name = "node", description = "Run one ringkv node in the foreground.",
        footerHeading = "%nConfig keys (file: key = value; flag: --key-with-dashes value):%n")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "config file (properties or flat YAML)")
    Path configFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and every config key")
    boolean help;

    @Option(names = "--stop-when-ready", hidden = true,
            description = "start, then stop at once (the launcher records its class-data archive this way)")
    boolean stopWhenReady;

    @Unmatched
    List<String> flags = new ArrayList<>();

    NodeCommand() {
    }

    static String[] keyHelp() {
        List<String> lines = new ArrayList<>();
        for (ConfigKey<?> key : NodeConfig.KEYS) {
            lines.add(String.format("  %s (default: %s)", key.flag(),
                    key.defaultText().isEmpty() ? "\"\"" : key.defaultText()));
            lines.add("      " + key.description());
        }
        return lines.toArray(String[]::new);
    }

    /**
     * Netty's leak detector records a stack trace for one buffer in 128, about 1% of a node's CPU
     * under SET in a profile. A node process runs without it unless asked
     * ({@code RINGKV_JAVA_OPTS=-Dio.netty.leakDetection.level=paranoid}); tests, which start nodes
     * inside their own JVM, keep Netty's default sampling.
     */
    private static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeConfig config;
        try {
            config = ConfigLoader.load(configFile, flags);
        } catch (ConfigException e) {
            System.err.println("ringkv node: " + e.getMessage());
            return 2;
        }
        quietLeakDetector();
        RingkvNode node;
        try {
            node = RingkvNode.start(config);
        } catch (AofCorruptedException e) {
            System.err.println("ringkv node: refusing to start: " + e.getMessage());
            return 3;
        } catch (java.net.BindException e) {
            System.err.println("ringkv node: cannot listen: " + e.getMessage()
                    + " (is another node using these ports? see --resp-port/--grpc-port/--http-port)");
            return 4;
        }
        if (stopWhenReady) {
            node.close();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println("ringkv node: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        System.out.printf("ringkv node %d ready: RESP 127.0.0.1:%d (redis-cli -p %d), gRPC %d, HTTP %d, data %s%n",
                config.get(NodeConfig.NODE_ID), node.respPort(), node.respPort(), node.grpcPort(), node.httpPort(),
                config.dataDir().toAbsolutePath().normalize());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
