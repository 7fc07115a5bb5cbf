package io.ringkv.coordinator.command;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys a connection WATCHes, each with what a read at the session's level saw when it was
 * watched. A key changed when a read now sees something else: another version of a string, a
 * typed value with another digest (a merge that changes the state always changes it, even when a
 * concurrent write carries an older version), a key that appeared, or one that was deleted,
 * expired, flushed or renamed away. Reads ask for summaries, so watching a large hash ships 17
 * bytes per replica, not the hash.
 */
final class WatchedKeys {
    /** What a watch saw for an absent key; every live key differs from it. */
    private static final Object ABSENT = new Object();

    private final Map<ByteBuffer, Object> seen = new LinkedHashMap<>();

    /** Records what the key held when watched; a key watched twice keeps what it saw first, as Redis does. */
    void watch(byte[] key, Cell cell, long nowMs) {
        seen.putIfAbsent(ByteBuffer.wrap(key), seenAs(cell, nowMs));
    }

    boolean isEmpty() {
        return seen.isEmpty();
    }

    java.util.List<byte[]> keys() {
        return seen.keySet().stream().map(ByteBuffer::array).toList();
    }

    /** True when {@code cell}, read now, differs from what was seen when the key was watched. */
    boolean changed(byte[] key, Cell cell, long nowMs) {
        return !seenAs(cell, nowMs).equals(seen.get(ByteBuffer.wrap(key)));
    }

    /**
     * A live key as a summary cell (version, expiry and, for a typed value, the digest of its state)
     * whether the read answered a summary or, with replicas disagreeing, the whole value.
     */
    private static Object seenAs(Cell cell, long nowMs) {
        if (!StoredValues.isLive(cell, nowMs)) {
            return ABSENT;
        }
        return cell.type() == Summary.TAG ? cell : ValueTypes.summarize(cell);
    }
}
