package io.ringkv.coordinator.grpc;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** gRPC future stubs answer with Guava futures; the coordinator composes CompletableFutures. */
public final class GrpcFutures {
    private GrpcFutures() {
    }

    /**
     * Completes with {@code onAnswer} of the call's answer, run on the gRPC thread that delivered it
     * (it must be quick), or with the call's failure or the function's exception.
     */
    public static <R, T> CompletableFuture<T> map(ListenableFuture<R> call, Function<R, T> onAnswer) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Futures.addCallback(call, new FutureCallback<>() {
            @Override
            public void onSuccess(R answer) {
                try {
                    result.complete(onAnswer.apply(answer));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Throwable t) {
                result.completeExceptionally(t);
            }
        }, MoreExecutors.directExecutor());
        return result;
    }
}
