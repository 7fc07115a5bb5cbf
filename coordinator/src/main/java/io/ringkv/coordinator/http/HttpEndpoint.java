package io.ringkv.coordinator.http;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringkv.coordinator.command.NodeControl;
import io.ringkv.coordinator.metrics.CommandLatencies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * {@code GET /health} (200 "ok" while the node serves) and {@code GET /metrics} (Prometheus text
 * format: keys, commands, latency quantiles per command and level).
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static HttpEndpoint start(String host, int port, CommandLatencies latencies,
                                     NodeControl node) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newSingleThreadExecutor(new ThreadFactoryBuilder().setNameFormat("http-endpoint").setDaemon(true).build());
        server.setExecutor(executor);
        server.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        server.createContext("/metrics", exchange -> respond(exchange, 200, metrics(latencies, node)));
        server.start();
        return new HttpEndpoint(server, executor);
    }

    private static String metrics(CommandLatencies latencies, NodeControl node) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ringkv_keys Keys holding a live value on this node.\n# TYPE ringkv_keys gauge\n");
        out.append("ringkv_keys ").append(node.liveKeyCount()).append('\n');
        out.append("# HELP ringkv_command_latency_seconds Command latency by command and level.\n");
        out.append("# TYPE ringkv_command_latency_seconds summary\n");
        for (Map.Entry<String, Histogram> entry : latencies.snapshot().entrySet()) {
            String[] parts = entry.getKey().split("@", 2);
            String labels = "command=\"" + parts[0].toLowerCase(Locale.ROOT) + "\""
                    + (parts.length > 1 ? ",level=\"" + parts[1] + "\"" : "");
            Histogram h = entry.getValue();
            for (double q : QUANTILES) {
                out.append("ringkv_command_latency_seconds{").append(labels).append(",quantile=\"").append(q)
                        .append("\"} ").append(h.getValueAtPercentile(q * 100) / 1e6).append('\n');
            }
            out.append("ringkv_command_latency_seconds_count{").append(labels).append("} ")
                    .append(h.getTotalCount()).append('\n');
        }
        return out.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
