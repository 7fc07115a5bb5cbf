package io.ringkv.coordinator.replication;

import com.google.protobuf.ByteString;
import io.ringkv.coordinator.cluster.EndpointInfo;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.pubsub.PubSubPeers;
import io.ringkv.coordinator.pubsub.PubSubRegistry;
import io.ringkv.coordinator.pubsub.SubscriptionKind;
import io.ringkv.proto.internode.PubSubQueryRequest;
import io.ringkv.proto.internode.PublishRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster's other members over gRPC: a message goes on each live peer's stream (so one node's
 * messages reach a peer in the order it sent them), questions go as calls. Peers the failure
 * detector holds down are skipped.
 */
public final class GrpcPubSubPeers implements PubSubPeers {
    private final GrpcReplicaTransport transport;
    private final Membership membership;
    private final int selfId;

    public GrpcPubSubPeers(GrpcReplicaTransport transport, Membership membership, int selfId) {
        this.transport = transport;
        this.membership = membership;
        this.selfId = selfId;
    }

    @Override
    public List<CompletableFuture<Long>> publish(SubscriptionKind kind, byte[] channel, byte[] message) {
        PublishRequest request = PublishRequest.newBuilder().setKind(kind.wire())
                .setChannel(ByteString.copyFrom(channel)).setMessage(ByteString.copyFrom(message)).build();
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        for (int peer : livePeers()) {
            answers.add(transport.publish(peer, request));
        }
        return answers;
    }

    @Override
    public List<CompletableFuture<PeerView>> query(SubscriptionKind kind, String pattern, List<String> names) {
        PubSubQueryRequest.Builder request = PubSubQueryRequest.newBuilder().setKind(kind.wire())
                .setListActive(!"".equals(pattern));
        if (pattern != null && !pattern.isEmpty()) {
            request.setHasPattern(true).setPattern(ByteString.copyFrom(PubSubRegistry.bytes(pattern)));
        }
        for (String name : names) {
            request.addNames(ByteString.copyFrom(PubSubRegistry.bytes(name)));
        }
        PubSubQueryRequest built = request.build();
        List<CompletableFuture<PeerView>> answers = new ArrayList<>();
        for (int peer : livePeers()) {
            answers.add(transport.pubSubQuery(peer, built).thenApply(response -> new PeerView(
                    response.getActiveList().stream().map(b -> PubSubRegistry.name(b.toByteArray())).toList(),
                    response.getCountsList())));
        }
        return answers;
    }

    private List<Integer> livePeers() {
        List<Integer> peers = new ArrayList<>();
        for (EndpointInfo endpoint : membership.endpoints()) {
            if (endpoint.nodeId() != selfId && membership.isUp(endpoint.nodeId())) {
                peers.add(endpoint.nodeId());
            }
        }
        return peers;
    }
}
