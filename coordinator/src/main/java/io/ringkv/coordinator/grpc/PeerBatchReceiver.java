package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.proto.internode.BatchError;
import io.ringkv.proto.internode.PeerBatch;
import io.ringkv.proto.internode.PeerBatchReply;
import java.util.function.Supplier;

/**
 * The replica's end of one peer's {@code Exchange} stream: applies each batch as the unary
 * {@code Mutate} and {@code Read} do ({@link InternodeService#mutateBatch}, {@link
 * InternodeService#readBatch}), or delivers a published message to this node's subscribers (at
 * once, so one peer's messages keep their order), and answers it under its id. Mutations are answered once durable,
 * which may be on another thread and out of order, so replies are sent under a lock. While this
 * node is partitioned from the peer, each batch is refused as a call from it would be.
 */
final class PeerBatchReceiver implements StreamObserver<PeerBatch> {
    private final InternodeService replica;
    private final StreamObserver<PeerBatchReply> replies;
    private final Supplier<Status> refusal;
    private final Runnable onEnd;
    private boolean ended;

    /** {@code refusal} is null while the peer's batches are accepted; {@code onEnd} runs once when the stream ends, from either side. */
    PeerBatchReceiver(InternodeService replica, StreamObserver<PeerBatchReply> replies, Supplier<Status> refusal,
                      Runnable onEnd) {
        this.replica = replica;
        this.replies = replies;
        this.refusal = refusal;
        this.onEnd = onEnd;
    }

    @Override
    public void onNext(PeerBatch batch) {
        long id = batch.getId();
        Status refused = refusal.get();
        if (refused != null) {
            send(error(id, refused));
            return;
        }
        switch (batch.getBodyCase()) {
            case MUTATE -> replica.mutateBatch(batch.getMutate()).whenComplete((answer, failure) ->
                    send(failure == null ? PeerBatchReply.newBuilder().setId(id).setMutate(answer).build() : error(id, failure)));
            case READ -> replica.readBatch(batch.getRead()).whenComplete((answer, failure) ->
                    send(failure == null ? PeerBatchReply.newBuilder().setId(id).setRead(answer).build() : error(id, failure)));
            case PUBLISH -> {
                PeerBatchReply reply;
                try {
                    reply = PeerBatchReply.newBuilder().setId(id).setPublish(replica.publishBatch(batch.getPublish())).build();
                } catch (RuntimeException e) {
                    reply = error(id, Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
                }
                send(reply);
            }
            case KEY_WATCH -> {
                replica.keyWatchBatch(batch.getKeyWatch());
                send(PeerBatchReply.newBuilder().setId(id)
                        .setKeyWatch(io.ringkv.proto.internode.KeyWatchResponse.getDefaultInstance()).build());
            }
            default -> send(error(id, Status.INVALID_ARGUMENT.withDescription("a batch holds no mutations, reads or message")));
        }
    }

    private static PeerBatchReply error(long id, Throwable failure) {
        return error(id, ReplicaSteps.statusOf(failure));
    }

    private static PeerBatchReply error(long id, Status status) {
        return PeerBatchReply.newBuilder().setId(id).setError(BatchError.newBuilder()
                .setCode(status.getCode().value()).setDescription(String.valueOf(status.getDescription()))).build();
    }

    private synchronized void send(PeerBatchReply reply) {
        if (ended) {
            return; // the coordinator went away; it has failed the batch on its side
        }
        try {
            replies.onNext(reply);
        } catch (RuntimeException cancelled) {
            markEnded();
        }
    }

    @Override
    public synchronized void onError(Throwable cancelled) {
        markEnded();
    }

    /** The coordinator is done, or this node is shutting down: end our side too. */
    @Override
    public synchronized void onCompleted() {
        if (!ended) {
            markEnded();
            replies.onCompleted();
        }
    }

    private void markEnded() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
