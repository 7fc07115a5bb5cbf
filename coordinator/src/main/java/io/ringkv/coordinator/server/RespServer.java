package io.ringkv.coordinator.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.ringkv.coordinator.command.CommandDispatcher;
import io.ringkv.coordinator.command.Session;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.resp.RespDecoder;
import io.ringkv.coordinator.resp.RespLimits;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The RESP listener: Netty event loops decode commands, dispatch them, and write replies. Runs
 * in-memory reads on the event loop itself (no thread hop). At most {@code maxClients}
 * connections; the next one is told so and closed.
 */
public final class RespServer implements AutoCloseable {
    private static final int MAX_PENDING_REPLIES = 1024;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    public record Settings(String bindHost, int port, int maxClients, RespLimits limits,
                           ConsistencyLevel defaultRead, ConsistencyLevel defaultWrite, boolean requireAuth,
                           Runnable afterReadBurst, long maxClientOpsPerSecond, OutputLimit pubsubOutputLimit) {
    }

    private final Channel serverChannel;
    private final AtomicInteger connectedClients = new AtomicInteger();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong nextClientId = new AtomicLong();

    private RespServer(Settings settings, CommandDispatcher dispatcher, EventLoopGroup loops)
            throws InterruptedException {
        LoopFlush loopFlush = new LoopFlush(settings.afterReadBurst());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(NettyTransport.of(loops).serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        totalConnections.incrementAndGet();
                        if (connectedClients.incrementAndGet() > settings.maxClients()) {
                            ch.pipeline().addLast(new RefuseConnection());
                            return;
                        }
                        Session session = new Session(nextClientId.incrementAndGet(), String.valueOf(ch.remoteAddress()),
                                settings.defaultRead(), settings.defaultWrite(), !settings.requireAuth());
                        session.limitRate(settings.maxClientOpsPerSecond());
                        ch.pipeline().addLast(new RespDecoder(settings.limits()),
                                new RespConnectionHandler(dispatcher, session, MAX_PENDING_REPLIES, loopFlush,
                                        settings.pubsubOutputLimit()));
                        ch.closeFuture().addListener(f -> connectedClients.decrementAndGet());
                    }
                });
        serverChannel = bootstrap.bind(settings.bindHost(), settings.port()).sync().channel();
    }

    /** Serves on {@code loops}, which the caller shares with other servers and closes itself. */
    public static RespServer start(Settings settings, CommandDispatcher dispatcher, EventLoopGroup loops)
            throws InterruptedException {
        return new RespServer(settings, dispatcher, loops);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public int connectedClients() {
        return Math.max(0, connectedClients.get());
    }

    public long totalConnections() {
        return totalConnections.get();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
    }

    /** Answers a connection over max_clients, then closes it. */
    private final class RefuseConnection extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.copiedBuffer("-ERR max number of clients reached\r\n", StandardCharsets.US_ASCII))
                    .addListener(ChannelFutureListener.CLOSE);
            ctx.channel().closeFuture().addListener(f -> connectedClients.decrementAndGet());
        }
    }
}
