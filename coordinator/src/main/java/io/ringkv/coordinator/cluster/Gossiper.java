package io.ringkv.coordinator.cluster;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.ringkv.coordinator.grpc.InternodeEventLoops;
import io.ringkv.proto.internode.EndpointState;
import io.ringkv.proto.internode.GossipRequest;
import io.ringkv.proto.internode.GossipResponse;
import io.ringkv.proto.internode.InternodeGrpc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends this node's view of the cluster every {@code intervalMs} to every known peer and to the
 * seeds, and merges what they answer. Small clusters make "every peer" cheap and keep heartbeat
 * intervals regular, so a dead node is noticed within a few seconds.
 */
public final class Gossiper implements AutoCloseable {
    private final Membership membership;
    private final List<String> seeds;
    private final long intervalMs;
    private final LongSupplier clockMs;
    private final ScheduledExecutorService timer;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, io.grpc.ClientInterceptor> interceptorFor;
    private final InternodeEventLoops loops;

    /** {@code interceptorFor} gives the interceptor of the channel to a {@code host:grpc-port} address. */
    public Gossiper(Membership membership, List<String> seeds, long intervalMs, LongSupplier clockMs,
            InternodeEventLoops loops, java.util.function.Function<String, io.grpc.ClientInterceptor> interceptorFor) {
        this.loops = loops;
        this.interceptorFor = interceptorFor;
        this.membership = membership;
        this.seeds = seeds;
        this.intervalMs = intervalMs;
        this.clockMs = clockMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("gossip").setDaemon(true).build());
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::round, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void round() {
        List<EndpointInfo> states = membership.beat();
        GossipRequest request = GossipRequest.newBuilder().addAllStates(toMessages(states)).build();
        Set<String> targets = new LinkedHashSet<>(seeds);
        EndpointInfo self = membership.endpoint(membership.selfId());
        for (EndpointInfo peer : states) {
            if (peer.nodeId() != membership.selfId()) {
                targets.add(membership.grpcAddressOf(peer));
            }
        }
        targets.remove(self.host() + ":" + self.grpcPort());
        targets.remove(membership.grpcAddressOf(self));
        for (String target : targets) {
            send(target, request);
        }
        membership.refreshLiveness(clockMs.getAsLong());
    }

    private void send(String target, GossipRequest request) {
        ManagedChannel channel = channels.computeIfAbsent(target, address -> {
            int colon = address.lastIndexOf(':');
            return loops.applyTo(NettyChannelBuilder.forAddress(address.substring(0, colon),
                            Integer.parseInt(address.substring(colon + 1))))
                    .usePlaintext().directExecutor().intercept(interceptorFor.apply(address)).build();
        });
        var call = InternodeGrpc.newFutureStub(channel).withDeadlineAfter(intervalMs, TimeUnit.MILLISECONDS)
                .gossip(request);
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(GossipResponse response) {
                membership.merge(fromMessages(response.getStatesList()), clockMs.getAsLong());
            }

            @Override
            public void onFailure(Throwable t) {
                // A silent peer is what the failure detector measures; nothing else to do.
            }
        }, MoreExecutors.directExecutor());
    }

    /** The server side: merge what a peer sent, answer with everything we know. */
    public GossipResponse receive(GossipRequest request) {
        membership.merge(fromMessages(request.getStatesList()), clockMs.getAsLong());
        return GossipResponse.newBuilder().addAllStates(toMessages(membership.endpoints())).build();
    }

    static List<EndpointState> toMessages(List<EndpointInfo> states) {
        List<EndpointState> out = new ArrayList<>(states.size());
        for (EndpointInfo s : states) {
            out.add(EndpointState.newBuilder().setNodeId(s.nodeId()).setGeneration(s.generation())
                    .setHeartbeatVersion(s.heartbeat()).setStatus(s.state().name()).setHost(s.host())
                    .setGrpcPort(s.grpcPort()).setRespPort(s.respPort()).addAllTokens(s.tokens()).build());
        }
        return out;
    }

    static List<EndpointInfo> fromMessages(List<EndpointState> messages) {
        List<EndpointInfo> out = new ArrayList<>(messages.size());
        for (EndpointState m : messages) {
            out.add(new EndpointInfo(m.getNodeId(), m.getGeneration(), m.getHeartbeatVersion(),
                    EndpointInfo.NodeState.valueOf(m.getStatus()), m.getHost(), m.getGrpcPort(), m.getRespPort(),
                    List.copyOf(m.getTokensList())));
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
