package io.ringkv.coordinator.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Coalesces requests to one peer: up to {@code maxInFlight} batches travel at once, and whatever
 * is queued meanwhile leaves together, at most {@code maxBatch} per batch, as soon as a batch
 * comes back. Under light load every request goes alone and at once; under heavy load many share
 * one call. Nothing waits on a timer.
 *
 * @param <T> a queued request
 */
final class PeerBatcher<T> {
    private final int maxInFlight;
    private final int maxBatch;
    private final Consumer<List<T>> send;
    private final ArrayDeque<T> queued = new ArrayDeque<>();
    private int inFlight;

    /** {@code send} must call {@link #batchDone()} once the batch is answered or failed. */
    PeerBatcher(int maxInFlight, int maxBatch, Consumer<List<T>> send) {
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.send = send;
    }

    void add(T request) {
        synchronized (this) {
            queued.add(request);
        }
        sendWhatCan();
    }

    void batchDone() {
        synchronized (this) {
            inFlight--;
        }
        sendWhatCan();
    }

    private void sendWhatCan() {
        while (true) {
            List<T> batch;
            synchronized (this) {
                if (inFlight >= maxInFlight || queued.isEmpty()) {
                    return;
                }
                batch = new ArrayList<>(Math.min(maxBatch, queued.size()));
                while (batch.size() < maxBatch && !queued.isEmpty()) {
                    batch.add(queued.poll());
                }
                inFlight++;
            }
            send.accept(batch);
        }
    }
}
