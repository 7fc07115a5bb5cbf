package io.ringkv.cli;

import picocli.CommandLine.Option;

/** {@code --host} and {@code --port} of the node a command talks to over RESP (a picocli mixin). */
public final class NodeAddress {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "node address (default: ${DEFAULT-VALUE})")
    public String host;

    @Option(names = "--port", defaultValue = "7001", description = "node RESP port (default: ${DEFAULT-VALUE})")
    public int port;

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
