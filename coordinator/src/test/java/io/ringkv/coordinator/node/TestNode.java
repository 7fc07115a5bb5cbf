package io.ringkv.coordinator.node;

import io.ringkv.coordinator.config.NodeConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real node in this JVM on ephemeral loopback ports with its data in a test directory. */
public final class TestNode {
    private TestNode() {
    }

    public static RingkvNode start(Path dataDir, String... overrides) throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bind", "127.0.0.1");
        config.put("resp_port", "0");
        config.put("grpc_port", "0");
        config.put("http_port", "0");
        config.put("data_dir", dataDir.toString());
        config.put("snapshot_interval_seconds", "0");
        for (int i = 0; i < overrides.length; i += 2) {
            // A "name=value" override would otherwise be ignored silently and the test run on defaults.
            if (i + 1 >= overrides.length || overrides[i].contains("=")) {
                throw new IllegalArgumentException("overrides are name, value pairs: " + java.util.Arrays.toString(overrides));
            }
        }
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return RingkvNode.start(NodeConfig.of(config));
    }
}
