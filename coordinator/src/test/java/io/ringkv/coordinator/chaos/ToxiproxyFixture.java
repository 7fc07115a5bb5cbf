package io.ringkv.coordinator.chaos;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.ringkv.chaos.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * The Toxiproxy the partition tests drive: the one at {@code TOXIPROXY_URL} if set, else a real
 * {@code toxiproxy-server} from PATH started on a free loopback port, else ringkv's own
 * Toxiproxy-compatible server in this JVM. Tests talk to it only through toxiproxy-java.
 */
final class ToxiproxyFixture implements AutoCloseable {
    private final ToxiproxyClient client;
    private final String description;
    private final AutoCloseable owned;

    private ToxiproxyFixture(ToxiproxyClient client, String description, AutoCloseable owned) {
        this.client = client;
        this.description = description;
        this.owned = owned;
    }

    static ToxiproxyFixture start() throws IOException {
        String url = System.getenv("TOXIPROXY_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            return new ToxiproxyFixture(new ToxiproxyClient(uri.getHost(), uri.getPort()), "Toxiproxy at " + url, null);
        }
        Path real = onPath("toxiproxy-server");
        if (real != null) {
            int port = io.ringkv.coordinator.node.ReservedPorts.next();
            Process process = new ProcessBuilder(real.toString(), "-host", "127.0.0.1", "-port", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.version() != null);
            return new ToxiproxyFixture(client, "toxiproxy-server from PATH", process::destroy);
        }
        ToxiproxyServer server = ToxiproxyServer.start("127.0.0.1", 0);
        return new ToxiproxyFixture(new ToxiproxyClient("127.0.0.1", server.port()), "ringkv's embedded Toxiproxy",
                server::close);
    }

    ToxiproxyClient client() {
        return client;
    }

    @Override
    public String toString() {
        return description;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        try {
            client.reset();
            for (var proxy : client.getProxies()) {
                proxy.delete();
            }
        } finally {
            if (owned != null) {
                owned.close();
            }
        }
    }
}
