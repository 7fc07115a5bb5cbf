package io.ringkv.coordinator.grpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop threads that carry all of a node's internode gRPC traffic: its server and its
 * channels to peers (replication, Paxos, gossip, repair). Left to itself gRPC gives the server
 * and the client side their own groups of two threads per core, so a request and its replica
 * answers hop between threads; where several nodes share a few cores, a hop is a context switch
 * and a futex. With a set thread count they share one small group. Zero keeps gRPC's defaults.
 */
public final class InternodeEventLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    private InternodeEventLoops(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** {@code threads} event loops shared by server and channels; 0 = gRPC's own defaults. */
    public static InternodeEventLoops create(int threads) {
        if (threads == 0) {
            return new InternodeEventLoops(null, false);
        }
        DefaultThreadFactory named = new DefaultThreadFactory("internode", true);
        if (Epoll.isAvailable()) {
            return new InternodeEventLoops(new EpollEventLoopGroup(threads, named), true);
        }
        return new InternodeEventLoops(new NioEventLoopGroup(threads, named), false);
    }

    /** gRPC's defaults, for tests and tools that start a server or channel on their own. */
    public static InternodeEventLoops grpcDefaults() {
        return create(0);
    }

    NettyServerBuilder applyTo(NettyServerBuilder server) {
        if (group == null) {
            return server;
        }
        return server.bossEventLoopGroup(group).workerEventLoopGroup(group)
                .channelType(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
    }

    public NettyChannelBuilder applyTo(NettyChannelBuilder channel) {
        if (group == null) {
            return channel;
        }
        return channel.eventLoopGroup(group).channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    }

    /** Call after the server and every channel using these loops are shut down. */
    @Override
    public void close() {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
