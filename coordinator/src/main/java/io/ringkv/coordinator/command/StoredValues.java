package io.ringkv.coordinator.command;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.counter.CounterState;
import io.ringkv.storage.types.counter.CounterType;

/**
 * How string commands see a stored cell: a plain string as its bytes, a counter as its decimal
 * value (to clients a counter is a string, as in Redis), any other type refused with WRONGTYPE.
 */
final class StoredValues {
    private StoredValues() {
    }

    static boolean isLive(Cell cell, long nowMs) {
        return cell != null && cell.isLiveAt(nowMs);
    }

    /** The bytes a string command sees, or null when the key is absent; WRONGTYPE for another type. */
    static byte[] stringOf(Cell cell, long nowMs) {
        if (!isLive(cell, nowMs)) {
            return null;
        }
        if (cell.isString()) {
            return cell.value();
        }
        if (cell.type() == CounterType.TAG) {
            return CounterState.of(cell).stringValue();
        }
        throw ValueRefusedException.wrongType();
    }

    /** MGET's view: as {@link #stringOf}, but null for a value of another type. */
    static byte[] stringOrNull(Cell cell, long nowMs) {
        return isLive(cell, nowMs) && (cell.isString() || cell.type() == CounterType.TAG) ? stringOf(cell, nowMs) : null;
    }

    /** The expiry a write over this cell keeps (INCRBYFLOAT, APPEND keep a key's TTL). */
    static long expiryKept(Cell cell, long nowMs) {
        return isLive(cell, nowMs) ? cell.expiresAtMs() : Cell.NO_EXPIRY;
    }
}
