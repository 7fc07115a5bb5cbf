package io.ringkv.chaos.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsToToxiproxysLoopbackAddress() {
        assertThat(ServerOptions.parse(new String[0])).isEqualTo(new ServerOptions("127.0.0.1", 8474));
    }

    @Test
    void takesHostAndPort() {
        assertThat(ServerOptions.parse(new String[] {"--port", "0", "--host", "0.0.0.0"})).isEqualTo(new ServerOptions("0.0.0.0", 0));
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndBadPorts() {
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--verbose", "1"})).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port"})).hasMessage("missing value for --port");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--port", "65536"})).hasMessage("port 65536 (expected: 0..65535)");
    }
}
