package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ringkv.storage.ClockSkewException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * How a replica's failures reach the peer that asked, the same for a call and for a batch on a
 * stream: a clock too far ahead is FAILED_PRECONDITION, a request the step cannot take is
 * INVALID_ARGUMENT, a write that fails later is INTERNAL.
 */
final class ReplicaSteps {
    private ReplicaSteps() {
    }

    /** Runs {@code step}; what it throws comes back as a future failed with its status. */
    static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> step) {
        try {
            return step.get();
        } catch (ClockSkewException e) {
            return CompletableFuture.failedFuture(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
        }
    }

    /** The status of a failed step's future. */
    static Status statusOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof StatusRuntimeException refused ? refused.getStatus()
                : Status.INTERNAL.withDescription(cause.toString());
    }
}
