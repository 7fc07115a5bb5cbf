package io.ringkv.storage.types.counter;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ExpiryRegister;
import io.ringkv.storage.types.ResetCodec;
import io.ringkv.storage.types.StateBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A counter that never loses an increment to a concurrent one: a PN counter with one share per
 * node that applied increments, on top of the key's last plain write.
 *
 * <ul>
 *   <li>{@code reset}: the newest plain write of the key (a SET's string or a DEL's tombstone),
 *       last-write-wins. The counter counts from its integer value (0 for a tombstone), and it
 *       ends every share born at or before it: a SET or DEL replaces the counter.</li>
 *   <li>{@code shares}: per node, the net sum of the increments that node applied as the owner of
 *       its share, numbered by {@code changes}. Only the owner changes its share, so the highest
 *       number carries the whole sum, and merging keeps, per node, the newest share (the later
 *       birth, then the higher number).</li>
 *   <li>{@code expiry}: the key's expiry, an {@link ExpiryRegister}: a write that read it replaces
 *       it, of concurrent ones the longest wins (no expiry the longest), and the reset ends what
 *       came before it.</li>
 * </ul>
 *
 * <p>Each part is a join-semilattice and dropping shares born at or before the reset only ever
 * removes more as the reset grows, so {@link #merge} is commutative, associative and idempotent.
 * {@link #toCell} is canonical: its version is the newest of the parts, its expiry the expiry
 * register's, and a state with no shares whose expiry is the reset's own is the plain reset cell
 * itself, so a counter that a SET or DEL replaced is stored exactly as that SET or DEL.
 *
 * <p>The reset is decided by version, not by what a writer observed: an increment applied by an
 * owner that had not yet received a SET or DEL with an earlier version, to a share born before it,
 * is undone by it when it arrives; the owner then adds it back ({@link OwnIncrements}).
 */
public final class CounterState {
    /** A node's increments: when its share was born, how many changes it made, their net sum, the last one's version. */
    record Share(Dot birth, long changes, long net, Dot last) {
        Share newer(Share other) {
            int c = birth.compareTo(other.birth);
            if (c != 0) {
                return c > 0 ? this : other;
            }
            return changes >= other.changes ? this : other;
        }
    }

    static final CounterState EMPTY = new CounterState(null, ExpiryRegister.EMPTY, new TreeMap<>());

    /** The flags byte, first in the encoding: a reset follows; it is a string (not a tombstone); there are shares. */
    private static final int HAS_RESET = 1;
    private static final int RESET_LIVE = 2;
    private static final int HAS_SHARES = 4;

    private final Cell reset;
    private final ExpiryRegister expiry;
    private final NavigableMap<Integer, Share> shares;

    private CounterState(Cell reset, ExpiryRegister expiry, NavigableMap<Integer, Share> shares) {
        this.reset = reset;
        this.expiry = expiry;
        this.shares = shares;
    }

    /** The state a cell holds: a counter's decoded state, or a plain string or tombstone as the reset. */
    public static CounterState of(Cell cell) {
        if (cell.type() == CounterType.TAG) {
            return decode(cell.value());
        }
        if (!cell.isString()) {
            throw new IllegalArgumentException("not a counter or a plain cell: " + cell);
        }
        return new CounterState(cell, ExpiryRegister.of(Dot.of(cell), cell.expiresAtMs()), new TreeMap<>());
    }

    /** The counter's value: the reset's integer (0 when it holds none) plus every share. */
    public long value() {
        long sum = base();
        for (Share share : shares.values()) {
            sum += share.net;
        }
        return sum;
    }

    /** The net sum of {@code node}'s share, 0 when it has none (never had one, or a reset ended it). */
    public long shareOf(int node) {
        Share share = shares.get(node);
        return share == null ? 0 : share.net;
    }

    boolean hasShare(int node) {
        return shares.containsKey(node);
    }

    /**
     * The birth of {@code node}'s share when that share holds exactly one change (its birth is that
     * change's version and its net that change's amount), else null.
     */
    Dot onlyChangeOf(int node) {
        Share share = shares.get(node);
        return share != null && share.changes == 1 ? share.birth : null;
    }

    /** True when a reader sees something: a share, or a string as the reset. */
    boolean hasContent() {
        return !shares.isEmpty() || reset != null && !reset.isTombstone();
    }

    /** {@link #hasContent} of an encoded state, from its flags byte alone: every read asks. */
    static boolean hasContent(byte[] encoded) {
        return encoded.length > 0 && (encoded[0] & (RESET_LIVE | HAS_SHARES)) != 0;
    }

    /**
     * The version of the reset an encoded counter counts from, or null when it has none: read from
     * the flags byte and the dot that follows, without decoding the rest (a node asks for every
     * counter delta it stores).
     */
    static Dot resetVersion(byte[] encoded) {
        StateBuffer.Reader in = new StateBuffer.Reader(encoded);
        return (in.getByte() & HAS_RESET) == 0 ? null : in.getDot();
    }

    /**
     * What GET answers: the decimal value once any share counts, else the reset's own string
     * (null when the key holds none).
     */
    public byte[] stringValue() {
        if (!shares.isEmpty()) {
            return Long.toString(value()).getBytes(StandardCharsets.US_ASCII);
        }
        return reset == null || reset.isTombstone() ? null : reset.value();
    }

    /** The key's last plain write (a SET's string or a DEL's tombstone) the counter counts from, or null. */
    public Cell lastPlainWrite() {
        return reset;
    }

    /** True when the counter has shares, so the value is a number whatever the reset holds. */
    boolean counting() {
        return !shares.isEmpty();
    }

    /** The reset's integer value, or 0 when it is a tombstone, absent, or not an integer. */
    long base() {
        if (reset == null || reset.isTombstone()) {
            return 0;
        }
        Long parsed = IntegerText.parse(reset.value());
        return parsed == null ? 0 : parsed;
    }

    /** The reset's value, when it is a string that is not an integer: INCR refuses it. */
    boolean resetIsNonIntegerString() {
        return reset != null && !reset.isTombstone() && IntegerText.parse(reset.value()) == null;
    }

    /**
     * The delta of {@code node} adding {@code amount} at {@code version} to this, its own current
     * state: its share, renumbered (or born now), with the reset and expiry it counted from, so a
     * replica that missed them learns them with the increment.
     */
    CounterState incrementDelta(int node, long amount, Dot version) {
        Share mine = shares.get(node);
        Share next = mine == null
                ? new Share(version, 1, amount, version)
                : new Share(mine.birth, mine.changes + 1, mine.net + amount, version);
        NavigableMap<Integer, Share> only = new TreeMap<>();
        only.put(node, next);
        return new CounterState(reset, expiry, only);
    }

    /** This state with its expiry set by a write at {@code version} that read it (EXPIRE, PERSIST). */
    CounterState withExpiry(Dot version, long atMs) {
        return new CounterState(reset, expiry.write(version, atMs), shares);
    }

    public CounterState merge(CounterState other) {
        Cell newestReset = Cell.newer(reset, other.reset);
        NavigableMap<Integer, Share> merged = new TreeMap<>(shares);
        other.shares.forEach((node, share) -> merged.merge(node, share, Share::newer));
        Dot floor = newestReset == null ? null : Dot.of(newestReset);
        if (floor != null) {
            merged.values().removeIf(share -> share.birth.atOrBefore(floor));
        }
        return new CounterState(newestReset, expiry.merge(other.expiry, floor), merged);
    }

    /** The newest version among the reset, the expiry and the shares' last changes. */
    Dot version() {
        Dot newest = expiry.version();
        if (reset != null) {
            newest = Dot.max(newest, Dot.of(reset));
        }
        for (Share share : shares.values()) {
            newest = Dot.max(newest, share.last);
        }
        return newest;
    }

    /** The canonical cell of this state (see the class comment). */
    public Cell toCell() {
        if (shares.isEmpty() && reset != null && expiry.isOnly(Dot.of(reset), reset.expiresAtMs())) {
            return reset;
        }
        Dot version = version();
        return Cell.typed(version.hlc(), version.node(), CounterType.TAG, encode(), expiry.atMs());
    }

    /**
     * {@code flags(1)} (bit 0: a reset follows; bit 1: it is a string; bit 2: shares follow), the
     * reset as {@code dot tombstone(1) expiresAtMs(8) value(bytes)}, the expiry register
     * ({@link ExpiryRegister#encode}), then {@code count} shares as
     * {@code node birth changes net last}; a dot is {@code hlc(8) node(zig-zag varint)}.
     */
    public byte[] encode() {
        StateBuffer.Writer out = new StateBuffer.Writer().putByte(encodeFlags());
        if (reset != null) {
            ResetCodec.encode(out, reset);
        }
        expiry.encode(out);
        out.putVarint(shares.size());
        for (Map.Entry<Integer, Share> e : shares.entrySet()) {
            Share share = e.getValue();
            out.putSignedVarint(e.getKey()).putDot(share.birth).putVarint(share.changes)
                    .putSignedVarint(share.net).putDot(share.last);
        }
        return out.toByteArray();
    }

    private int encodeFlags() {
        return (reset == null ? 0 : HAS_RESET) | (reset != null && !reset.isTombstone() ? RESET_LIVE : 0)
                | (shares.isEmpty() ? 0 : HAS_SHARES);
    }

    /** @throws IllegalArgumentException when the bytes are not a counter's encoding */
    public static CounterState decode(byte[] bytes) {
        StateBuffer.Reader in = new StateBuffer.Reader(bytes);
        int flags = in.getByte();
        if (flags > (HAS_RESET | RESET_LIVE | HAS_SHARES)) {
            throw new IllegalArgumentException("bad counter flags " + flags);
        }
        Cell reset = null;
        if ((flags & HAS_RESET) != 0) {
            reset = ResetCodec.decode(in);
        }
        ExpiryRegister expiry = ExpiryRegister.decode(in);
        int count = in.getCount(12);
        NavigableMap<Integer, Share> shares = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            long node = in.getSignedVarint();
            if (node != (int) node) {
                throw new IllegalArgumentException("bad node id " + node);
            }
            shares.put((int) node, new Share(in.getDot(), in.getVarint(), in.getSignedVarint(), in.getDot()));
        }
        in.expectEnd();
        CounterState state = new CounterState(reset, expiry, shares);
        if (state.encodeFlags() != flags) {
            throw new IllegalArgumentException("counter flags " + flags + " do not match the state");
        }
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CounterState other && Arrays.equals(encode(), other.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "CounterState{reset=" + reset + ", expiry=" + expiry + ", shares=" + shares + "}";
    }
}
