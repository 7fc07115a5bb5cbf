package io.ringkv.coordinator.grpc;

import io.ringkv.coordinator.paxos.Promise;
import io.ringkv.proto.internode.PrepareResponse;
import io.ringkv.storage.Ballot;

/** Conversion between Paxos values and their protobuf form. */
public final class PaxosMessages {
    private PaxosMessages() {
    }

    public static io.ringkv.proto.internode.Ballot toMessage(Ballot ballot) {
        return io.ringkv.proto.internode.Ballot.newBuilder().setHlc(ballot.hlc()).setNodeId(ballot.nodeId()).build();
    }

    public static Ballot fromMessage(io.ringkv.proto.internode.Ballot message) {
        return message.getHlc() == 0 && message.getNodeId() == 0 ? Ballot.NONE
                : new Ballot(message.getHlc(), message.getNodeId());
    }

    public static PrepareResponse.Builder toMessage(byte[] key, Promise promise) {
        return PrepareResponse.newBuilder()
                .setGranted(promise.granted())
                .setPromised(toMessage(promise.promised()))
                .setAccepted(toMessage(promise.accepted()))
                .setAcceptedCell(CellMessages.toMessage(key, promise.acceptedCell()))
                .setCommitted(toMessage(promise.committed()))
                .setData(CellMessages.toMessage(key, promise.data()));
    }

    public static Promise fromMessage(PrepareResponse message) {
        Ballot promised = fromMessage(message.getPromised());
        if (!message.getGranted()) {
            return Promise.refused(promised);
        }
        Ballot accepted = fromMessage(message.getAccepted());
        return Promise.granted(promised, accepted,
                accepted.isNone() ? null : CellMessages.fromMessage(message.getAcceptedCell()),
                fromMessage(message.getCommitted()), CellMessages.fromMessage(message.getData()));
    }
}
