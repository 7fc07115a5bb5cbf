package io.ringkv.cli;

import io.ringkv.chaos.toxiproxy.ToxiproxyServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ringkv toxiproxy}: the Toxiproxy-compatible proxy server in the foreground. */
@Command(name = "toxiproxy", description = "Run a Toxiproxy-compatible server (HTTP API of Toxiproxy 2.x) "
        + "in the foreground; toxiproxy-java and toxiproxy-cli work against it. Ctrl-C stops it.")
final class ToxiproxyCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address of the API (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8474", description = "API port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        ToxiproxyServer server = ToxiproxyServer.start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "toxiproxy-shutdown"));
        System.out.println("toxiproxy API listening on " + server.url());
        stopped.await();
        return 0;
    }
}
