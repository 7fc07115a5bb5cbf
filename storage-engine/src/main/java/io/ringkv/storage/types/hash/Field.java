package io.ringkv.storage.types.hash;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.counter.IntegerText;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One field of a hash as replicas hold it: a last-write-wins register (the HSET that set it, or
 * the HDEL that removed it) and the field's counter shares (HINCRBY), merged as a key's counter is.
 *
 * <ul>
 *   <li>The register is named by the dot of the write that set it. An HDEL files its removal
 *       under the newest dot it observed in the field, so it beats that write and older ones and
 *       loses to writes it did not see: an HSET concurrent with an HDEL survives it. On one dot,
 *       the removal wins. A field only ever incremented has no register yet ({@link Dot#ZERO}).</li>
 *   <li>Each share is one node's increments as the owner that applied them: born at a dot,
 *       numbered by its changes. The register ends every share born at or before its dot, so an
 *       HSET or HDEL replaces the counter, and the field's value is the register's integer (0 if
 *       none) plus every share.</li>
 * </ul>
 *
 * <p>Laid out for a hash of a million fields: the name and value share one array, and what only
 * removed or counted fields need lives in {@code extra}, so a plain field is this object and one
 * array. Equality and hash code are by name alone, so a field is its own key in the hash's map.
 */
final class Field {
    /** One node's increments of a field: when its share was born, how many, their sum, the last one's dot. */
    record Share(int node, Dot birth, long changes, long net, Dot last) {
        /** The later birth, then the higher number: only the owner changes its share. */
        static Share newer(Share a, Share b) {
            int c = a.birth.compareTo(b.birth);
            if (c != 0) {
                return c > 0 ? a : b;
            }
            return a.changes >= b.changes ? a : b;
        }
    }

    /** What a removed register adds: the removing HDEL's dot (purge counts gc grace from it), and any shares. */
    private record Removal(long hlc, int node, Share[] shares) {
    }

    private static final Share[] NO_SHARES = new Share[0];

    /** The name, then the register's value (if it holds one). */
    private final byte[] data;
    private final int nameLength;
    final long hlc;
    final int node;
    /** Null for a plain set field; the shares of a counted one; a {@link Removal} for a removed register. */
    private final Object extra;

    private Field(byte[] data, int nameLength, long hlc, int node, Object extra) {
        this.data = data;
        this.nameLength = nameLength;
        this.hlc = hlc;
        this.node = node;
        this.extra = extra;
    }

    private static Field of(byte[] name, long hlc, int node, byte[] value, long removedHlc, int removedNode, Share[] shares) {
        byte[] data = value == null ? name : concat(name, value);
        Object extra;
        if (value == null && hlc != 0) {
            extra = new Removal(removedHlc, removedNode, shares);
        } else {
            extra = shares.length == 0 ? null : shares;
        }
        return new Field(data, name.length, hlc, node, extra);
    }

    private static byte[] concat(byte[] name, byte[] value) {
        byte[] data = Arrays.copyOf(name, name.length + value.length);
        System.arraycopy(value, 0, data, name.length, value.length);
        return data;
    }

    static Field set(byte[] name, Dot dot, byte[] value) {
        if (value == null || dot.hlc() <= 0) {
            throw new IllegalArgumentException("a set field needs a value and a dot");
        }
        return of(name, dot.hlc(), dot.node(), value, 0, 0, NO_SHARES);
    }

    /** The removal of everything up to {@code observed}, by a removal at {@code removal}. */
    static Field removed(byte[] name, Dot observed, Dot removal) {
        if (removal.hlc() <= 0 || observed.hlc() <= 0) {
            throw new IllegalArgumentException("a removal needs dots");
        }
        return of(name, observed.hlc(), observed.node(), null, removal.hlc(), removal.node(), NO_SHARES);
    }

    /** A removal as decoded: as {@link #removed}, or a register never set (both dots zero) when shares follow. */
    static Field decodedRemoval(byte[] name, Dot observed, Dot removal) {
        if (observed.hlc() == 0 && removal.hlc() == 0) {
            return of(name, 0, 0, null, 0, 0, NO_SHARES);
        }
        return removed(name, observed, removal);
    }

    /** This field with decoded shares, checked as the join would leave them: by node, born after the register. */
    Field decodedShares(Share[] decoded) {
        for (int i = 0; i < decoded.length; i++) {
            if (i > 0 && decoded[i - 1].node() >= decoded[i].node() || decoded[i].birth().compareTo(dot()) <= 0
                    || decoded[i].changes() < 1) {
                throw new IllegalArgumentException("bad field shares");
            }
        }
        return withShares(decoded);
    }

    /** A name to look a field up by. */
    static Field probe(byte[] name) {
        return new Field(name, name.length, 0, 0, null);
    }

    byte[] name() {
        return nameLength == data.length ? data : Arrays.copyOf(data, nameLength);
    }

    /** The register's value, or null when removed (or never set). */
    byte[] value() {
        return hasValue() ? Arrays.copyOfRange(data, nameLength, data.length) : null;
    }

    private boolean hasValue() {
        return hlc != 0 && !(extra instanceof Removal);
    }

    Share[] shares() {
        if (extra instanceof Share[] shares) {
            return shares;
        }
        return extra instanceof Removal removal ? removal.shares : NO_SHARES;
    }

    Dot dot() {
        return new Dot(hlc, node);
    }

    Dot removal() {
        return extra instanceof Removal removal ? new Dot(removal.hlc, removal.node) : Dot.ZERO;
    }

    /** True when the register was never set (a field made by HINCRBY alone). */
    private boolean noRegister() {
        return hlc == 0;
    }

    /** True when a reader sees nothing in this field. */
    boolean isRemoved() {
        return !hasValue() && shares().length == 0;
    }

    /** What a reader sees: the register's value, or with shares the counter's decimal value; null if nothing. */
    byte[] visibleValue() {
        if (shares().length == 0) {
            return value();
        }
        return Long.toString(counterValue()).getBytes(StandardCharsets.US_ASCII);
    }

    /** True when HINCRBY may count from this field: a counter, an integer, or nothing. */
    boolean countable() {
        return shares().length > 0 || !hasValue() || IntegerText.parse(value()) != null;
    }

    /** The register's integer (0 when it holds none) plus every share. */
    long counterValue() {
        Long base = hasValue() ? IntegerText.parse(value()) : null;
        long sum = base == null ? 0 : base;
        for (Share share : shares()) {
            sum += share.net;
        }
        return sum;
    }

    /** The delta of {@code owner} adding {@code amount} at {@code dot} to this field as it holds it (null: absent). */
    static Field incremented(Field held, byte[] name, int owner, long amount, Dot dot) {
        Share mine = null;
        if (held != null) {
            for (Share share : held.shares()) {
                if (share.node == owner) {
                    mine = share;
                }
            }
        }
        Share next = mine == null ? new Share(owner, dot, 1, amount, dot)
                : new Share(owner, mine.birth, mine.changes + 1, mine.net + amount, dot);
        if (held == null) {
            return of(name, 0, 0, null, 0, 0, new Share[] {next});
        }
        // The register travels with the share, so a replica that missed it counts from the same base.
        return held.withShares(new Share[] {next});
    }

    /** The dot a reset must pass to end this field: its register's, or a later share's birth. */
    Dot survivalDot() {
        Dot survival = dot();
        for (Share share : shares()) {
            survival = Dot.max(survival, share.birth);
        }
        return survival;
    }

    /** The newest dot this field records: its register's, its removal's, its shares' last changes. */
    Dot newestDot() {
        Dot newest = Dot.max(dot(), removal());
        for (Share share : shares()) {
            newest = Dot.max(newest, share.last);
        }
        return newest;
    }

    /**
     * What a reset (the key's SET or DEL) at {@code floor} leaves of this field: null when it ends
     * all of it, the field itself when none of it, else the shares born after it without the register.
     */
    Field trimmedTo(Dot floor) {
        boolean registerEnds = noRegister() || Cell.compareVersions(hlc, node, false, floor.hlc(), floor.node(), false) <= 0;
        if (!registerEnds) {
            // A register newer than the floor has already ended every share born at or before it.
            return this;
        }
        Share[] kept = Arrays.stream(shares()).filter(share -> share.birth.compareTo(floor) > 0).toArray(Share[]::new);
        if (kept.length == 0) {
            return null;
        }
        return noRegister() && kept.length == shares().length ? this : of(name(), 0, 0, null, 0, 0, kept);
    }

    private Field withShares(Share[] kept) {
        if (extra instanceof Removal removal) {
            return new Field(data, nameLength, hlc, node, new Removal(removal.hlc, removal.node, kept));
        }
        return new Field(data, nameLength, hlc, node, kept.length == 0 ? null : kept);
    }

    /**
     * The join: the newer register (by dot, a removal winning on one dot, the later removal between
     * two), the newer share per node, less the shares the register ends. Returns {@code a} or
     * {@code b} itself when the join is that field.
     */
    static Field newer(Field a, Field b) {
        Field register = newerRegister(a, b);
        Share[] joined = joinShares(a.shares(), b.shares(), register.dot());
        if (Arrays.equals(joined, register.shares())) {
            return register;
        }
        Field other = register == a ? b : a;
        if (Arrays.equals(joined, other.shares()) && sameRegister(register, other)) {
            return other;
        }
        return register.withShares(joined);
    }

    private static Field newerRegister(Field a, Field b) {
        int c = Cell.compareVersions(a.hlc, a.node, !a.hasValue(), b.hlc, b.node, !b.hasValue());
        if (c != 0) {
            return c > 0 ? a : b;
        }
        if (!a.hasValue()) {
            return a.removal().compareTo(b.removal()) >= 0 ? a : b;
        }
        // One dot names one write, so equal live dots hold one value; the comparison only keeps
        // the join deterministic if a bad clock ever made two writes share a dot.
        return Arrays.compare(a.data, b.data) >= 0 ? a : b;
    }

    private static boolean sameRegister(Field a, Field b) {
        return a.hlc == b.hlc && a.node == b.node && a.hasValue() == b.hasValue() && a.removal().equals(b.removal())
                && Arrays.equals(a.data, b.data);
    }

    private static Share[] joinShares(Share[] a, Share[] b, Dot register) {
        if (a.length == 0 && b.length == 0) {
            return NO_SHARES;
        }
        java.util.TreeMap<Integer, Share> byNode = new java.util.TreeMap<>();
        for (Share share : a) {
            byNode.merge(share.node, share, Share::newer);
        }
        for (Share share : b) {
            byNode.merge(share.node, share, Share::newer);
        }
        byNode.values().removeIf(share -> share.birth.compareTo(register) <= 0);
        return byNode.values().toArray(Share[]::new);
    }

    /** Same name, register and shares. */
    boolean sameAs(Field other) {
        return sameRegister(this, other) && nameLength == other.nameLength && Arrays.equals(shares(), other.shares());
    }

    /** This field's share of its hash's digest. */
    long digest() {
        Hasher hasher = Hashing.murmur3_128(0x4a5b).newHasher().putInt(nameLength).putBytes(data, 0, nameLength)
                .putLong(hlc).putInt(node);
        if (hasValue()) {
            hasher.putByte((byte) 0).putBytes(data, nameLength, data.length - nameLength);
        } else {
            Dot removal = removal();
            hasher.putByte((byte) 1).putLong(removal.hlc()).putInt(removal.node());
        }
        for (Share share : shares()) {
            hasher.putInt(share.node).putLong(share.birth.hlc()).putInt(share.birth.node()).putLong(share.changes)
                    .putLong(share.net).putLong(share.last.hlc()).putInt(share.last.node());
        }
        return hasher.hash().asLong();
    }

    /** Orders fields by name, bytes unsigned (the encoding's order). */
    static int compareNames(Field a, Field b) {
        return Arrays.compareUnsigned(a.data, 0, a.nameLength, b.data, 0, b.nameLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field other && Arrays.equals(data, 0, nameLength, other.data, 0, other.nameLength);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < nameLength; i++) {
            h = 31 * h + data[i];
        }
        return h;
    }

    @Override
    public String toString() {
        String text = new String(data, 0, nameLength, StandardCharsets.UTF_8) + "@" + dot();
        text = hasValue() ? text + "=" + new String(value(), StandardCharsets.UTF_8) : text + " removed by " + removal();
        return shares().length == 0 ? text : text + " shares " + Arrays.toString(shares());
    }
}
