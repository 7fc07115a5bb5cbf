package io.ringkv.coordinator.node;

import io.ringkv.coordinator.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Real nodes in this JVM forming one cluster on loopback, each with its own data directory.
 * Ports are chosen once ({@link ReservedPorts}), so a node restarts on the same address.
 */
public final class TestCluster implements AutoCloseable {
    private final Path root;
    private final String[] overrides;
    private final int[] respPorts;
    private final int[] grpcPorts;
    private final RingkvNode[] nodes;
    private final Map<Integer, Map<String, String>> perNode = new java.util.HashMap<>();

    public TestCluster(Path root, int size, String... overrides) throws IOException {
        this.root = root;
        this.overrides = overrides;
        this.respPorts = new int[size];
        this.grpcPorts = new int[size];
        this.nodes = new RingkvNode[size];
        for (int i = 0; i < size; i++) {
            respPorts[i] = ReservedPorts.next();
            grpcPorts[i] = ReservedPorts.next();
        }
    }

    /** A config value for one node only, applied after the cluster-wide overrides. */
    public TestCluster configure(int id, String key, String value) {
        perNode.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public int grpcPort(int id) {
        return grpcPorts[id - 1];
    }

    public TestCluster startAll() throws Exception {
        for (int id = 1; id <= nodes.length; id++) {
            start(id);
        }
        awaitAllUp();
        return this;
    }

    public RingkvNode start(int id) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("node_id", String.valueOf(id));
        config.put("bind", "127.0.0.1");
        config.put("resp_port", String.valueOf(respPorts[id - 1]));
        config.put("grpc_port", String.valueOf(grpcPorts[id - 1]));
        config.put("http_port", "0");
        config.put("data_dir", root.resolve("node" + id).toString());
        config.put("seeds", "127.0.0.1:" + grpcPorts[0]);
        config.put("snapshot_interval_seconds", "0");
        config.put("gossip_interval_ms", "200");
        config.put("request_timeout_ms", "1000");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        config.putAll(perNode.getOrDefault(id, Map.of()));
        nodes[id - 1] = RingkvNode.start(NodeConfig.of(config));
        return nodes[id - 1];
    }

    public void stop(int id) throws IOException {
        nodes[id - 1].close();
        nodes[id - 1] = null;
    }

    public RingkvNode node(int id) {
        return nodes[id - 1];
    }

    public int respPort(int id) {
        return respPorts[id - 1];
    }

    public int size() {
        return nodes.length;
    }

    /** Waits until every running node sees every running node Up and every stopped node Down. */
    public void awaitAllUp() {
        awaitView();
    }

    public void awaitView() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (RingkvNode observer : nodes) {
                if (observer == null) {
                    continue;
                }
                for (int id = 1; id <= nodes.length; id++) {
                    boolean running = nodes[id - 1] != null;
                    if (observer.membership().isUp(id) != running) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    public List<Integer> replicasOf(byte[] key) {
        for (RingkvNode node : nodes) {
            if (node != null) {
                return new ArrayList<>(node.membership().ring().replicasForKey(key));
            }
        }
        throw new IllegalStateException("no node running");
    }

    @Override
    public void close() throws IOException {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                nodes[i].close();
                nodes[i] = null;
            }
        }
    }
}
