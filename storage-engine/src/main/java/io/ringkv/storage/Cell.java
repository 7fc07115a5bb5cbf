package io.ringkv.storage;

import io.ringkv.storage.types.TypedState;
import io.ringkv.storage.types.ValueTypes;
import java.util.Arrays;

/**
 * One stored value of a key: a version, the value bytes or a tombstone, and an absolute expiry.
 *
 * <p>The version is an HLC timestamp ({@link HybridClock}) with the writing coordinator's node id
 * as tie-break, so versions form a total order. Replicas merge cells by last-write-wins on that
 * order; between equal versions a tombstone wins, so replay and restore never resurrect a delete.
 * Typed values (counters, and the collections to come) do not follow last-write-wins among
 * themselves: {@link io.ringkv.storage.types.ValueTypes#merge} merges them as CRDTs.
 * Cells are immutable and deliberately small (no boxed fields, no version object) because the
 * store holds one per key.
 */
public final class Cell {
    /** Expiry value meaning "never expires". */
    public static final long NO_EXPIRY = 0L;

    private final long hlc;
    private final int nodeId;
    private final long expiresAtMs;
    /**
     * The value: its bytes (a string's, or a typed value's encoding), a decoded {@link TypedState}
     * (a collection's), or null for a tombstone. One field for both, not two, because the store
     * holds a cell per key and strings must not pay for collections.
     */
    private final Object payload;
    /** The value's type tag ({@link io.ringkv.storage.types.ValueTypes}); 0 is a plain string, and every tombstone. */
    private final byte type;

    private Cell(long hlc, int nodeId, byte type, Object payload, long expiresAtMs) {
        if (hlc <= 0) {
            throw new IllegalArgumentException("hlc must be positive, got " + hlc);
        }
        if (expiresAtMs < 0) {
            throw new IllegalArgumentException("expiresAtMs must be >= 0, got " + expiresAtMs);
        }
        this.hlc = hlc;
        this.nodeId = nodeId;
        this.payload = payload;
        this.expiresAtMs = expiresAtMs;
        this.type = payload == null ? STRING : type;
    }

    /** The type tag of a plain string value. */
    public static final byte STRING = 0;

    public static Cell live(long hlc, int nodeId, byte[] value, long expiresAtMs) {
        if (value == null) {
            throw new IllegalArgumentException("a live cell needs a value");
        }
        return new Cell(hlc, nodeId, STRING, value, expiresAtMs);
    }

    /** A live cell holding a typed value: {@code value} is that type's encoded state (or delta). */
    public static Cell typed(long hlc, int nodeId, byte type, byte[] value, long expiresAtMs) {
        if (value == null) {
            throw new IllegalArgumentException("a live cell needs a value");
        }
        if (!ValueTypes.isKnown(type)) {
            throw new IllegalArgumentException("unknown value type " + type);
        }
        return new Cell(hlc, nodeId, type, value, expiresAtMs);
    }

    /** A live cell holding a typed value decoded: {@link #value()} encodes it on demand. */
    public static Cell typed(long hlc, int nodeId, byte type, TypedState state, long expiresAtMs) {
        if (state == null) {
            throw new IllegalArgumentException("a live cell needs a value");
        }
        if (!ValueTypes.isKnown(type)) {
            throw new IllegalArgumentException("unknown value type " + type);
        }
        return new Cell(hlc, nodeId, type, state, expiresAtMs);
    }

    public static Cell tombstone(long hlc, int nodeId) {
        return new Cell(hlc, nodeId, STRING, null, NO_EXPIRY);
    }

    /** The type tag; {@link #STRING} for strings and tombstones. */
    public byte type() {
        return type;
    }

    public boolean isString() {
        return type == STRING;
    }

    public long hlc() {
        return hlc;
    }

    public int nodeId() {
        return nodeId;
    }

    /**
     * The value's bytes, or null for a tombstone. Callers must not modify the array. A cell holding
     * a decoded state encodes it here, at the cost of the whole state: code that reads part of a
     * collection asks {@link #state()} instead.
     */
    public byte[] value() {
        // The exact-class test first: strings (every GET) never reach the interface test.
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        return payload == null ? null : ((TypedState) payload).encode();
    }

    /** The decoded state of a collection's cell, or null when the value is held as bytes (or absent). */
    public TypedState state() {
        return payload instanceof byte[] || payload == null ? null : (TypedState) payload;
    }

    public long expiresAtMs() {
        return expiresAtMs;
    }

    public boolean isTombstone() {
        return payload == null;
    }

    public boolean hasExpiry() {
        return expiresAtMs != NO_EXPIRY;
    }

    public boolean isExpiredAt(long nowMs) {
        return hasExpiry() && nowMs >= expiresAtMs;
    }

    /** True when a reader at {@code nowMs} sees a value: not a tombstone and not expired. */
    public boolean isLiveAt(long nowMs) {
        return !isTombstone() && !isExpiredAt(nowMs)
                && (type == STRING || ValueTypes.hasContent(this));
    }

    /**
     * Orders cells by version: HLC, then node id, then tombstone over live. Positive when this
     * cell wins over {@code other}.
     */
    public int compareVersion(Cell other) {
        return compareVersions(hlc, nodeId, isTombstone(), other.hlc, other.nodeId, other.isTombstone());
    }

    /** The version order of cells, for callers that hold only the version fields (repair's key lists). */
    public static int compareVersions(long hlcA, int nodeA, boolean tombstoneA, long hlcB, int nodeB, boolean tombstoneB) {
        int c = Long.compare(hlcA, hlcB);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(nodeA, nodeB);
        if (c != 0) {
            return c;
        }
        return Boolean.compare(tombstoneA, tombstoneB);
    }

    /** The last-write-wins merge: the cell with the higher version (on a tie, one chosen by content, {@code a} if they are equal). */
    public static Cell newer(Cell a, Cell b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = b.compareVersion(a);
        if (c != 0) {
            return c > 0 ? b : a;
        }
        // Equal versions hold the same write, except where the sweeper emptied an expired typed
        // value on replicas that held it with different expiries: break such ties by content, so
        // the merge is the same whichever cell arrives first.
        if (a.expiresAtMs != b.expiresAtMs) {
            return a.expiresAtMs > b.expiresAtMs ? a : b;
        }
        return Arrays.compare(a.value(), b.value()) >= 0 ? a : b;
    }

    /** The same value, type, tombstone flag and expiry under another version. */
    public Cell withVersion(long newHlc, int newNodeId) {
        return isTombstone() ? tombstone(newHlc, newNodeId) : new Cell(newHlc, newNodeId, type, payload, expiresAtMs);
    }

    /** The same value and type under a new version, expiring at {@code newExpiresAtMs} (EXPIRE, PERSIST). */
    public Cell withExpiry(long newHlc, int newNodeId, long newExpiresAtMs) {
        if (isTombstone()) {
            throw new IllegalStateException("a tombstone has no expiry to change");
        }
        return new Cell(newHlc, newNodeId, type, payload, newExpiresAtMs);
    }

    /**
     * The same version and expiry without the value bytes: what an expired cell becomes when the
     * sweeper reclaims it (the expiry is kept so purge can count gc grace from it).
     */
    public Cell asTombstone() {
        return isTombstone() ? this : new Cell(hlc, nodeId, STRING, null, expiresAtMs);
    }

    /** When this cell stopped being visible: its expiry, or its write time for a plain tombstone. */
    public long deadSinceMs() {
        return Math.max(HybridClock.physicalMs(hlc), expiresAtMs);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Cell other)) {
            return false;
        }
        return hlc == other.hlc && nodeId == other.nodeId && expiresAtMs == other.expiresAtMs
                && type == other.type && samePayload(other);
    }

    private boolean samePayload(Cell other) {
        if (payload instanceof TypedState state && other.payload instanceof TypedState otherState) {
            return state == otherState || state.equals(otherState);
        }
        if (payload instanceof byte[] bytes && other.payload instanceof byte[] otherBytes) {
            return Arrays.equals(bytes, otherBytes);
        }
        return payload == other.payload || payload != null && other.payload != null && Arrays.equals(value(), other.value());
    }

    @Override
    public int hashCode() {
        int content = payload instanceof TypedState state ? Long.hashCode(state.digest()) : Arrays.hashCode((byte[]) payload);
        return 31 * (31 * (31 * Long.hashCode(hlc) + nodeId) + content) + type;
    }

    @Override
    public String toString() {
        return "Cell{hlc=" + HybridClock.format(hlc) + ", node=" + nodeId
                + (isTombstone() ? ", tombstone" : ", " + (type == STRING ? "" : "type " + type + ", ") + (payload instanceof byte[] bytes ? bytes.length + " bytes" : payload))
                + (hasExpiry() ? ", expiresAt=" + expiresAtMs : "") + "}";
    }
}
