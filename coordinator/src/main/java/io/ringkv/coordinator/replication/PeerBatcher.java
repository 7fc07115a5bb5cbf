package io.ringkv.coordinator.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Coalesces requests to one peer: up to {@code maxInFlight} batches travel at once, and whatever
 * is queued meanwhile leaves together, at most {@code maxBatch} per batch and {@code maxBatchBytes}
 * (a single larger request goes alone: a batch must stay under the peer's message limit), as
 * soon as a batch comes back. A request made on a client event loop waits for the end of that loop's iteration,
 * so the requests of every connection read in one iteration share a call; elsewhere a request
 * leaves at once when a batch may be sent. Nothing waits on a timer.
 *
 * @param <T> a queued request
 */
final class PeerBatcher<T> {
    private final int maxInFlight;
    private final int maxBatch;
    private final long maxBatchBytes;
    private final ToLongFunction<T> bytesOf;
    private final Consumer<List<T>> send;
    private final Supplier<Executor> currentLoop;
    private final ArrayDeque<T> queued = new ArrayDeque<>();
    private final AtomicBoolean sendScheduled = new AtomicBoolean();
    private int inFlight;

    /**
     * {@code send} must call {@link #batchDone()} once the batch is answered or failed;
     * {@code currentLoop} gives the event loop the calling thread runs, whose iteration's end
     * a request waits for, or null where requests should leave at once.
     */
    PeerBatcher(int maxInFlight, int maxBatch, long maxBatchBytes, ToLongFunction<T> bytesOf, Consumer<List<T>> send,
                Supplier<Executor> currentLoop) {
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.maxBatchBytes = maxBatchBytes;
        this.bytesOf = bytesOf;
        this.send = send;
        this.currentLoop = currentLoop;
    }

    void add(T request) {
        synchronized (this) {
            queued.add(request);
        }
        Executor loop = currentLoop.get();
        if (loop == null) {
            sendWhatCan();
        } else if (sendScheduled.compareAndSet(false, true)) {
            // A task queued on the loop runs after the reads of its current iteration.
            loop.execute(() -> {
                sendScheduled.set(false);
                sendWhatCan();
            });
        }
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
                long bytes = 0;
                while (batch.size() < maxBatch && !queued.isEmpty()) {
                    long next = bytesOf.applyAsLong(queued.peek());
                    if (!batch.isEmpty() && bytes + next > maxBatchBytes) {
                        break;
                    }
                    batch.add(queued.poll());
                    bytes += next;
                }
                inFlight++;
            }
            send.accept(batch);
        }
    }
}
