package io.ringkv.coordinator.grpc;

import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.ringkv.coordinator.server.NettyTransport;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop threads that carry a node's internode gRPC traffic: its server and its channels
 * to peers (replication, Paxos, gossip, repair). Left to itself gRPC gives the server and the
 * client side their own groups of two threads per core, so a request and its replica answers hop
 * between threads; where several nodes share a few cores, a hop is a context switch and a futex.
 * By default a node runs gRPC on the same loops as its RESP server: a client's request, the
 * replica calls it makes and their answers then stay on one thread.
 */
public final class InternodeEventLoops implements AutoCloseable {
    private final EventLoopGroup group;
    private final NettyTransport transport;
    private final boolean owned;

    private InternodeEventLoops(EventLoopGroup group, boolean owned) {
        this.group = group;
        this.transport = NettyTransport.of(group);
        this.owned = owned;
    }

    /** A group of its own with {@code threads} event loops, shared by server and channels. */
    public static InternodeEventLoops create(NettyTransport transport, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new InternodeEventLoops(transport.newGroup(threads, "internode"), true);
    }

    /** Runs on {@code group}, which the caller also uses and closes. */
    public static InternodeEventLoops sharing(EventLoopGroup group) {
        return new InternodeEventLoops(group, false);
    }

    NettyServerBuilder applyTo(NettyServerBuilder server) {
        return server.bossEventLoopGroup(group).workerEventLoopGroup(group).channelType(transport.serverChannel());
    }

    public NettyChannelBuilder applyTo(NettyChannelBuilder channel) {
        return channel.eventLoopGroup(group).channelType(transport.socketChannel());
    }

    /** Call after the server and every channel using these loops are shut down. */
    @Override
    public void close() {
        if (owned) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
