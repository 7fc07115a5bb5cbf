package io.ringkv.chaos.toxiproxy.proxy;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import io.ringkv.chaos.toxiproxy.toxic.ToxicSet;
import io.ringkv.chaos.toxiproxy.toxic.ToxicType;
import io.ringkv.chaos.toxiproxy.toxic.ToxiproxyException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One proxy at work: its settings, its toxics, its listener while enabled and its open
 * connections. Changes happen under this object's lock. The accepting thread never takes it (it
 * uses the connections' own lock and the volatile fields), so that {@link #disable()} can wait for
 * that thread to leave {@code accept()}: only then is the port really released for a re-enable.
 * Threads: one accepting while enabled, four per connection (see {@link StreamLink}), all daemons
 * named after the proxy.
 */
final class LiveProxy {

    private static final int MAX_CONNECTIONS = 1024;
    private static final int ACCEPT_BACKLOG = 128;
    private static final int UPSTREAM_CONNECT_TIMEOUT_MS = 5_000;
    private static final long THREADS_STOP_TIMEOUT_MS = 5_000;
    private static final long ACCEPTOR_STOP_TIMEOUT_MS = UPSTREAM_CONNECT_TIMEOUT_MS + 1_000;
    private static final System.Logger LOG = System.getLogger(LiveProxy.class.getName());

    private final LongSupplier nanoClock;
    private final Random random;
    private final ExecutorService threads;
    private final Object connectionsLock = new Object();
    private final Set<ProxyConnection> connections = new HashSet<>(); // guarded by connectionsLock
    private ProxyConfig config;
    private volatile ToxicSet toxics = ToxicSet.empty();
    private volatile ServerSocket listener;
    private Future<?> acceptor;

    private LiveProxy(ProxyConfig config, LongSupplier nanoClock, Random random) {
        this.config = config.withEnabled(false);
        this.nanoClock = nanoClock;
        this.random = random;
        this.threads = Executors.newCachedThreadPool(new ThreadFactoryBuilder()
                .setDaemon(true)
                .setNameFormat("toxiproxy-" + config.name().replace("%", "%%") + "-%d")
                .build());
    }

    /** A proxy listening already if the config says it is enabled; nothing is left running if that fails. */
    static LiveProxy start(ProxyConfig config, LongSupplier nanoClock, Random random) {
        LiveProxy proxy = new LiveProxy(config, nanoClock, random);
        if (config.enabled()) {
            try {
                proxy.enable();
            } catch (RuntimeException e) {
                proxy.close();
                throw e;
            }
        }
        return proxy;
    }

    synchronized ProxyConfig config() {
        return config;
    }

    ToxicSet toxics() {
        return toxics;
    }

    /**
     * Applies a patch. A new listen or upstream address restarts the proxy (closing its
     * connections), as Toxiproxy does; enabled decides whether it listens afterwards.
     */
    synchronized void update(ProxyPatch patch) {
        ProxyConfig wanted = config.patched(patch);
        boolean addressChanged = !wanted.listen().equals(config.listen()) || !wanted.upstream().equals(config.upstream());
        if (addressChanged || !wanted.enabled()) {
            disable();
        }
        config = new ProxyConfig(config.name(), wanted.listen(), wanted.upstream(), config.enabled());
        if (wanted.enabled()) {
            enable();
        }
    }

    synchronized void enable() {
        if (listener != null) {
            return;
        }
        ServerSocket socket = bind(config.listen());
        listener = socket;
        config = config.withListen(HostPort.format((InetSocketAddress) socket.getLocalSocketAddress())).withEnabled(true);
        String upstream = config.upstream();
        acceptor = threads.submit(() -> acceptConnections(socket, upstream));
    }

    /** Stops listening (new connections are refused) and closes every open connection; toxics stay. */
    synchronized void disable() {
        ServerSocket closing = listener;
        if (closing != null) {
            listener = null;
            closeQuietly(closing);
            awaitAcceptorExit();
        }
        synchronized (connectionsLock) {
            List.copyOf(connections).forEach(ProxyConnection::close);
            connections.clear();
        }
        config = config.withEnabled(false);
    }

    private void awaitAcceptorExit() {
        try {
            acceptor.get(ACCEPTOR_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "proxy {0}: accepting thread did not stop cleanly", config.name(), e);
        }
    }

    synchronized ToxicConfig addToxic(ToxicConfig toxic) {
        changeToxics(toxics.with(toxic));
        return toxic;
    }

    synchronized ToxicConfig updateToxic(String name, UnaryOperator<ToxicConfig> change) {
        changeToxics(toxics.updated(name, change));
        return toxics.get(name);
    }

    synchronized void removeToxic(String name) {
        changeToxics(toxics.without(name));
    }

    synchronized void removeAllToxics() {
        changeToxics(ToxicSet.empty());
    }

    private void changeToxics(ToxicSet changed) {
        toxics = changed;
        synchronized (connectionsLock) {
            connections.forEach(ProxyConnection::toxicsChanged);
        }
    }

    /** Disables the proxy and waits (bounded) for all its threads to finish. */
    void close() {
        disable();
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(THREADS_STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "proxy {0}: threads still running {1} ms after close",
                        config().name(), THREADS_STOP_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ServerSocket bind(String listen) {
        ServerSocket socket = null;
        try {
            InetSocketAddress address = HostPort.parse(listen).resolve();
            socket = new ServerSocket();
            // Lets a re-enabled proxy bind its port again while old connections sit in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(address, ACCEPT_BACKLOG);
            return socket;
        } catch (IOException | IllegalArgumentException e) {
            if (socket != null) {
                closeQuietly(socket);
            }
            throw ToxiproxyException.listenFailed("listen tcp " + listen + ": " + e.getMessage());
        }
    }

    private void acceptConnections(ServerSocket socket, String upstream) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed by disable()
            }
            connect(socket, client, upstream);
        }
    }

    /** Dials the upstream for a new client; Toxiproxy closes the client when that fails. */
    private void connect(ServerSocket acceptedBy, Socket client, String upstreamAddress) {
        Socket upstream = new Socket();
        try {
            upstream.connect(HostPort.parse(upstreamAddress).resolve(), UPSTREAM_CONNECT_TIMEOUT_MS);
            // A lambda, not toxics()::forDirection: links must see later changes, not this snapshot.
            register(acceptedBy, new ProxyConnection(client, upstream, direction -> toxics().forDirection(direction),
                    toxics().contains(ToxicType.RESET_PEER), nanoClock, random, this::forget));
        } catch (IOException | IllegalArgumentException e) {
            ProxyConnection.closeQuietly(client);
            ProxyConnection.closeQuietly(upstream);
        }
    }

    /**
     * Adds a connection unless the proxy was disabled (or moved) while the upstream was dialled:
     * disable() clears {@code listener} before it closes the registered connections, so a connection
     * is either refused here or closed there.
     */
    private void register(ServerSocket acceptedBy, ProxyConnection connection) {
        synchronized (connectionsLock) {
            if (listener == acceptedBy && connections.size() < MAX_CONNECTIONS) {
                connections.add(connection);
                connection.start(threads);
                return;
            }
        }
        connection.close();
    }

    private void forget(ProxyConnection connection) {
        synchronized (connectionsLock) {
            connections.remove(connection);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The listener is gone either way.
        }
    }
}
