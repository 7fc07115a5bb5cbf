package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.KeyIdentity;
import io.ringkv.coordinator.kv.KeyQueue;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.list.ListEdits;
import io.ringkv.storage.types.list.ListSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's pops of a key, in turns: a pop reads the list's end and then writes its removal, so
 * two through one node at once would read the same element; pops of a key therefore take turns,
 * and the pops that arrive while a turn runs go together in the next one: one read of the end (as
 * many elements as they take, and one more) and one write removing what each took, each taking
 * the next elements in the order they arrived ({@link ListEdits#popEach}). So a pipelined or busy
 * queue pays one round trip for many pops instead of one each. A turn takes pops from one end at
 * one pair of levels; the others wait for the next turn.
 */
final class PopTurns {
    /** One pop waiting for its turn. */
    private record Request(long count, boolean head, ConsistencyLevel read, ConsistencyLevel write,
                           CompletableFuture<ListEdits.Popped> done) {
        boolean goesWith(Request first) {
            return head == first.head && read == first.read && write == first.write;
        }
    }

    private final KeyValueService kv;
    private final long maxSlice;
    private final KeyQueue turns = new KeyQueue();
    /** Pops waiting per key; a key is here exactly while a turn is queued or running that will take them. */
    private final ConcurrentHashMap<KeyIdentity, List<Request>> waiting = new ConcurrentHashMap<>();

    /** {@code maxSlice}: the most elements one read of a list's end may ask for. */
    PopTurns(KeyValueService kv, long maxSlice) {
        this.kv = kv;
        this.maxSlice = maxSlice;
    }

    /** Up to {@code count} elements from an end of the list at {@code key}, removed as read, in this key's next turn. */
    CompletableFuture<ListEdits.Popped> pop(byte[] key, long count, boolean head, ConsistencyLevel read, ConsistencyLevel write) {
        Request request = new Request(count, head, read, write, new CompletableFuture<>());
        KeyIdentity id = new KeyIdentity(key);
        boolean[] first = new boolean[1];
        waiting.compute(id, (k, list) -> {
            if (list == null) {
                list = new ArrayList<>();
                first[0] = true;
            }
            list.add(request);
            return list;
        });
        if (first[0]) {
            scheduleTurn(id, key);
        }
        return request.done;
    }

    private void scheduleTurn(KeyIdentity id, byte[] key) {
        turns.run(key, () -> turn(id, key));
    }

    /** One turn: the pops waiting that go with the first of them, read and removed together. */
    private CompletableFuture<Void> turn(KeyIdentity id, byte[] key) {
        List<Request> batch = take(id, key);
        Request first = batch.get(0);
        List<Long> counts = new ArrayList<>(batch.size());
        long total = 0;
        for (Request request : batch) {
            counts.add(request.count);
            total += request.count;
        }
        // One element more than they take: then each knows whether its pop empties the list.
        List<byte[]> slice = ListSlice.request(first.head, (int) Math.min(total + 1, maxSlice));
        ListEdits.Turn[] result = new ListEdits.Turn[1];
        CompletableFuture<io.ringkv.storage.Cell> update;
        try {
            update = kv.update(key, first.read, first.write, slice, current -> {
                result[0] = ListEdits.popEach(current, counts, first.head, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
                return result[0].delta();
            });
        } catch (RuntimeException refused) {
            // A store that applies the update at once throws its refusal (WRONGTYPE) here: every pop hears it.
            update = CompletableFuture.failedFuture(refused);
        }
        return update.handle((written, failure) -> {
            for (int i = 0; i < batch.size(); i++) {
                if (failure != null) {
                    batch.get(i).done.completeExceptionally(failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure);
                } else {
                    batch.get(i).done.complete(result[0].pops().get(i));
                }
            }
            return null;
        });
    }

    /**
     * Takes the first waiting pop and those after it that go with it, as long as their counts fit
     * one slice; when pops are left, queues the next turn for them.
     */
    private List<Request> take(KeyIdentity id, byte[] key) {
        List<Request> batch = new ArrayList<>();
        boolean[] more = new boolean[1];
        waiting.compute(id, (k, list) -> {
            Request first = list.get(0);
            long total = 0;
            List<Request> left = new ArrayList<>();
            for (Request request : list) {
                if (request.goesWith(first) && (batch.isEmpty() || total + request.count < maxSlice)) {
                    batch.add(request);
                    total += request.count;
                } else {
                    left.add(request);
                }
            }
            more[0] = !left.isEmpty();
            return left.isEmpty() ? null : left;
        });
        if (more[0]) {
            scheduleTurn(id, key);
        }
        return batch;
    }
}
