package io.ringkv.chaos.toxiproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesHostNamesIpv4AndBracketedIpv6() {
        assertThat(HostPort.parse("localhost:0")).isEqualTo(new HostPort("localhost", 0));
        assertThat(HostPort.parse("127.0.0.1:8474")).isEqualTo(new HostPort("127.0.0.1", 8474));
        assertThat(HostPort.parse("[::1]:22")).isEqualTo(new HostPort("::1", 22));
        assertThat(HostPort.parse(":9000")).isEqualTo(new HostPort("", 9000));
    }

    @Test
    void rejectsAddressesWithoutAUsablePort() {
        assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("missing port");
        assertThatThrownBy(() -> HostPort.parse("localhost:http")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> HostPort.parse("localhost:70000")).hasMessageContaining("invalid port");
    }

    @Test
    void formatsBoundAddressesByIp() throws Exception {
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80))).isEqualTo("127.0.0.1:80");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[0:0:0:0:0:0:0:1]:80");
    }
}
