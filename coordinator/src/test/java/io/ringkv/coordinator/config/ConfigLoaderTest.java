package io.ringkv.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.AppendFsync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void flagsOverrideTheFileWhichOverridesDefaults() throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, "# a comment\nresp_port: 7100\nappendfsync = always\nmax-key-bytes = 100\n");

        NodeConfig config = ConfigLoader.load(file, List.of("--resp-port", "7200", "--default-read-consistency=one"));

        assertThat(config.get(NodeConfig.RESP_PORT)).isEqualTo(7200);
        assertThat(config.get(NodeConfig.APPENDFSYNC)).isEqualTo(AppendFsync.ALWAYS);
        assertThat(config.get(NodeConfig.MAX_KEY_BYTES)).isEqualTo(100);
        assertThat(config.get(NodeConfig.DEFAULT_READ_CONSISTENCY)).isEqualTo(ConsistencyLevel.ONE);
        assertThat(config.get(NodeConfig.GRPC_PORT)).isEqualTo(8001);
    }

    @Test
    void aBooleanFlagAloneMeansTrue() {
        NodeConfig config = ConfigLoader.load(null, List.of("--repair-aof", "--resp-port", "0"));
        assertThat(config.get(NodeConfig.REPAIR_AOF)).isTrue();
        assertThat(ConfigLoader.load(null, List.of("--repair-aof", "false")).get(NodeConfig.REPAIR_AOF)).isFalse();
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--resp-prot", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--resp-prot");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--resp-port", "70000")))
                .hasMessageContaining("resp_port").hasMessageContaining("70000");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--appendfsync", "sometimes")))
                .hasMessageContaining("always, everysec or no");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--data-dir")))
                .hasMessageContaining("needs a value");
    }

    @Test
    void everyKeyHasAParseableDefault() {
        NodeConfig defaults = NodeConfig.defaults();
        for (ConfigKey<?> key : NodeConfig.KEYS) {
            assertThat(defaults.get(key)).as(key.name()).isNotNull();
        }
    }
}
