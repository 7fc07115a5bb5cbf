package io.ringkv.cli;

import io.ringkv.chaos.toxiproxy.ToxiproxyServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringkv toxiproxy}: the Toxiproxy-compatible proxy server in the foreground. */
@Command(name = "toxiproxy", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Run a Toxiproxy-compatible server (HTTP API of Toxiproxy 2.x) "
        + "in the foreground; toxiproxy-java and toxiproxy-cli work against it. Ctrl-C stops it.")
final class ToxiproxyCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address of the API (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8474", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        ToxiproxyServer.runUntilStopped(host, port);
        return 0;
    }
}
