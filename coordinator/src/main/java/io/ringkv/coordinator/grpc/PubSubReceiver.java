package io.ringkv.coordinator.grpc;

import com.google.protobuf.ByteString;
import io.ringkv.coordinator.pubsub.PubSubRegistry;
import io.ringkv.coordinator.pubsub.SubscriptionKind;
import io.ringkv.proto.internode.PubSubQueryRequest;
import io.ringkv.proto.internode.PubSubQueryResponse;
import io.ringkv.proto.internode.PublishRequest;
import io.ringkv.proto.internode.PublishResponse;

/** A peer's pub/sub traffic to this node: messages for this node's subscribers, and PUBSUB's questions. */
final class PubSubReceiver {
    private final PubSubRegistry registry;

    PubSubReceiver(PubSubRegistry registry) {
        this.registry = registry;
    }

    /** Delivers to this node's subscribers, synchronously, so messages keep the stream's order. */
    PublishResponse publish(PublishRequest request) {
        byte[] channel = request.getChannel().toByteArray();
        byte[] message = request.getMessage().toByteArray();
        long receivers = registry.publish(SubscriptionKind.ofWire(request.getKind()), channel, message);
        return PublishResponse.newBuilder().setReceivers(receivers).build();
    }

    PubSubQueryResponse query(PubSubQueryRequest request) {
        SubscriptionKind kind = SubscriptionKind.ofWire(request.getKind());
        PubSubQueryResponse.Builder answer = PubSubQueryResponse.newBuilder();
        if (request.getListActive()) {
            String pattern = request.getHasPattern() ? PubSubRegistry.name(request.getPattern().toByteArray()) : null;
            for (String name : registry.active(kind, pattern)) {
                answer.addActive(ByteString.copyFrom(PubSubRegistry.bytes(name)));
            }
        }
        for (ByteString name : request.getNamesList()) {
            answer.addCounts(registry.subscribers(kind, PubSubRegistry.name(name.toByteArray())));
        }
        return answer.build();
    }
}
