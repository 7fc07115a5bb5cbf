package io.ringkv.chaos.toxiproxy;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.sun.net.httpserver.HttpServer;
import io.ringkv.chaos.toxiproxy.api.ApiRoutes;
import io.ringkv.chaos.toxiproxy.api.ToxiproxyApi;
import io.ringkv.chaos.toxiproxy.proxy.ProxyRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A Toxiproxy-compatible server: the Toxiproxy 2.x HTTP API on the JDK's HTTP server, driving TCP
 * proxies with toxics, so that the standard clients (toxiproxy-java, toxiproxy-cli) work against it.
 * {@link #close()} stops the API, every proxy and every thread it started.
 */
public final class ToxiproxyServer implements AutoCloseable {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8474;

    private static final int HTTP_THREADS = 4;
    private static final long HTTP_THREADS_STOP_TIMEOUT_MS = 5_000;

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ProxyRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ToxiproxyServer(HttpServer http, ExecutorService httpThreads, ProxyRegistry registry) {
        this.http = http;
        this.httpThreads = httpThreads;
        this.registry = registry;
    }

    /** Starts a server on {@code host:port}; port 0 picks a free one (see {@link #port()}). */
    public static ToxiproxyServer start(String host, int port) throws IOException {
        ProxyRegistry registry = new ProxyRegistry(nanosSinceNow(), new Random());
        ExecutorService httpThreads = Executors.newFixedThreadPool(HTTP_THREADS,
                new ThreadFactoryBuilder().setDaemon(true).setNameFormat("toxiproxy-http-%d").build());
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            httpThreads.shutdownNow();
            throw e;
        }
        http.createContext("/", new ToxiproxyApi(new ApiRoutes(registry)));
        http.setExecutor(httpThreads);
        http.start();
        return new ToxiproxyServer(http, httpThreads, registry);
    }

    /** A monotonic clock starting at 0, so stage times are never negative and cannot wrap. */
    private static LongSupplier nanosSinceNow() {
        long originNanos = System.nanoTime();
        return () -> System.nanoTime() - originNanos;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The API's base URL; a wildcard bind is reached through loopback. */
    public String url() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        httpThreads.shutdownNow();
        registry.close();
        try {
            httpThreads.awaitTermination(HTTP_THREADS_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a server in the foreground: {@code [--host H] [--port P]}; stops on SIGINT/SIGTERM. */
    public static void main(String[] args) throws IOException, InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        runUntilStopped(options.host(), options.port());
    }

    /** Starts a server, prints its URL, and blocks until the JVM is asked to stop (SIGINT/SIGTERM). */
    public static void runUntilStopped(String host, int port) throws IOException, InterruptedException {
        ToxiproxyServer server = start(host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "toxiproxy-shutdown"));
        System.out.println("toxiproxy API listening on " + server.url());
        stopped.await();
    }
}
