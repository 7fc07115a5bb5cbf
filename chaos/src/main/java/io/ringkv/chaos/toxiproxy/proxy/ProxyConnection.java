package io.ringkv.chaos.toxiproxy.proxy;

import io.ringkv.chaos.toxiproxy.toxic.Direction;
import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A client connection and its upstream connection, joined by an upstream and a downstream
 * {@link StreamLink}. A close on either side, by a toxic or by the proxy closes both sockets.
 */
final class ProxyConnection {

    private final Socket client;
    private final Socket upstream;
    private final StreamLink upstreamLink;
    private final StreamLink downstreamLink;
    private final Consumer<ProxyConnection> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param resetOnClose whether closing sends TCP RST (SO_LINGER 0): Toxiproxy sets it only on
     *     connections that open while a reset_peer toxic exists
     */
    ProxyConnection(Socket client, Socket upstream, Function<Direction, List<ToxicConfig>> toxics, boolean resetOnClose,
                    LongSupplier nanoClock, Random random, Consumer<ProxyConnection> onClosed) throws IOException {
        this.client = client;
        this.upstream = upstream;
        this.onClosed = onClosed;
        for (Socket socket : List.of(client, upstream)) {
            socket.setTcpNoDelay(true);
            if (resetOnClose) {
                socket.setSoLinger(true, 0);
            }
        }
        this.upstreamLink = new StreamLink(client.getInputStream(), upstream.getOutputStream(),
                toxicsOf(toxics, Direction.UPSTREAM), nanoClock, random, this::close);
        this.downstreamLink = new StreamLink(upstream.getInputStream(), client.getOutputStream(),
                toxicsOf(toxics, Direction.DOWNSTREAM), nanoClock, random, this::close);
    }

    private static Supplier<List<ToxicConfig>> toxicsOf(Function<Direction, List<ToxicConfig>> toxics, Direction direction) {
        return () -> toxics.apply(direction);
    }

    void start(Executor threads) {
        upstreamLink.start(threads);
        downstreamLink.start(threads);
    }

    void toxicsChanged() {
        upstreamLink.toxicsChanged();
        downstreamLink.toxicsChanged();
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        upstreamLink.close();
        downstreamLink.close();
        closeQuietly(client);
        closeQuietly(upstream);
        onClosed.accept(this);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
