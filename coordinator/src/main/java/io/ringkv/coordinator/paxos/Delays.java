package io.ringkv.coordinator.paxos;

import java.util.concurrent.CompletableFuture;

/** Waiting without a thread: real time on a node, virtual time in a simulation. */
@FunctionalInterface
public interface Delays {

    CompletableFuture<Void> after(long delayMs);
}
