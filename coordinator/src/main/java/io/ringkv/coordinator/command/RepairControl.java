package io.ringkv.coordinator.command;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the REPAIR command reaches: anti-entropy sessions run from this node. */
public interface RepairControl {
    /** Every range of the ring, in token order. */
    List<TokenRange> ranges();

    /** Repairs one range; completes with its one-line summary, or exceptionally with the reason. */
    CompletableFuture<String> repair(TokenRange range);

    /** Cancels queued sessions; returns how many were queued or running. */
    int cancel();
}
