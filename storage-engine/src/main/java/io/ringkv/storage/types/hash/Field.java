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
 * <p>Equality and hash code are by name alone, so a field is its own key in the hash's map.
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

    private static final Share[] NO_SHARES = new Share[0];

    final byte[] name;
    private final int nameHash;
    final long hlc;
    final int node;
    /** The register's value, or null when removed (or never set). */
    final byte[] value;
    /** The removing HDEL's dot (0 while the register holds a value); purge counts gc grace from it. */
    final long removedHlc;
    final int removedNode;
    /** Counter shares by node id, born after the register's dot. */
    final Share[] shares;

    private Field(byte[] name, long hlc, int node, byte[] value, long removedHlc, int removedNode, Share[] shares) {
        this.name = name;
        this.nameHash = Arrays.hashCode(name);
        this.hlc = hlc;
        this.node = node;
        this.value = value;
        this.removedHlc = removedHlc;
        this.removedNode = removedNode;
        this.shares = shares;
    }

    static Field set(byte[] name, Dot dot, byte[] value) {
        if (value == null || dot.hlc() <= 0) {
            throw new IllegalArgumentException("a set field needs a value and a dot");
        }
        return new Field(name, dot.hlc(), dot.node(), value, 0, 0, NO_SHARES);
    }

    /** The removal of everything up to {@code observed}, by a removal at {@code removal}. */
    static Field removed(byte[] name, Dot observed, Dot removal) {
        if (removal.hlc() <= 0 || observed.hlc() <= 0) {
            throw new IllegalArgumentException("a removal needs dots");
        }
        return new Field(name, observed.hlc(), observed.node(), null, removal.hlc(), removal.node(), NO_SHARES);
    }

    /** A removal as decoded: as {@link #removed}, or a register never set (both dots zero) when shares follow. */
    static Field decodedRemoval(byte[] name, Dot observed, Dot removal) {
        if (observed.hlc() == 0 && removal.hlc() == 0) {
            return new Field(name, 0, 0, null, 0, 0, NO_SHARES);
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
        return new Field(name, 0, 0, null, 0, 0, NO_SHARES);
    }

    Dot dot() {
        return new Dot(hlc, node);
    }

    Dot removal() {
        return new Dot(removedHlc, removedNode);
    }

    /** True when the register was never set (a field made by HINCRBY alone). */
    private boolean noRegister() {
        return hlc == 0;
    }

    /** True when a reader sees nothing in this field. */
    boolean isRemoved() {
        return value == null && shares.length == 0;
    }

    /** What a reader sees: the register's value, or with shares the counter's decimal value; null if nothing. */
    byte[] visibleValue() {
        if (shares.length == 0) {
            return value;
        }
        return Long.toString(counterValue()).getBytes(StandardCharsets.US_ASCII);
    }

    /** True when HINCRBY may count from this field: a counter, an integer, or nothing. */
    boolean countable() {
        return shares.length > 0 || value == null || IntegerText.parse(value) != null;
    }

    /** The register's integer (0 when it holds none) plus every share; wraps as Redis's would refuse to. */
    long counterValue() {
        Long base = value == null ? null : IntegerText.parse(value);
        long sum = base == null ? 0 : base;
        for (Share share : shares) {
            sum += share.net;
        }
        return sum;
    }

    /** The delta of {@code owner} adding {@code amount} at {@code dot} to this field as it holds it (null: absent). */
    static Field incremented(Field held, byte[] name, int owner, long amount, Dot dot) {
        Share mine = null;
        if (held != null) {
            for (Share share : held.shares) {
                if (share.node == owner) {
                    mine = share;
                }
            }
        }
        Share next = mine == null ? new Share(owner, dot, 1, amount, dot)
                : new Share(owner, mine.birth, mine.changes + 1, mine.net + amount, dot);
        if (held == null) {
            return new Field(name, 0, 0, null, 0, 0, new Share[] {next});
        }
        // The register travels with the share, so a replica that missed it counts from the same base.
        return new Field(held.name, held.hlc, held.node, held.value, held.removedHlc, held.removedNode, new Share[] {next});
    }

    /** The dot a reset must pass to end this field: its register's, or a later share's birth. */
    Dot survivalDot() {
        Dot survival = dot();
        for (Share share : shares) {
            survival = Dot.max(survival, share.birth);
        }
        return survival;
    }

    /** The newest dot this field records: its register's, its removal's, its shares' last changes. */
    Dot newestDot() {
        Dot newest = value == null && !noRegister() ? Dot.max(dot(), removal()) : dot();
        for (Share share : shares) {
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
        Share[] kept = Arrays.stream(shares).filter(share -> share.birth.compareTo(floor) > 0).toArray(Share[]::new);
        if (kept.length == 0) {
            return null;
        }
        return noRegister() && kept.length == shares.length ? this : new Field(name, 0, 0, null, 0, 0, kept);
    }

    private Field withShares(Share[] kept) {
        return new Field(name, hlc, node, value, removedHlc, removedNode, kept);
    }

    /**
     * The join: the newer register (by dot, a removal winning on one dot, the later removal between
     * two), the newer share per node, less the shares the register ends. Returns {@code a} or
     * {@code b} itself when the join is that field.
     */
    static Field newer(Field a, Field b) {
        Field register = newerRegister(a, b);
        Share[] joined = joinShares(a.shares, b.shares, register.dot());
        if (Arrays.equals(joined, register.shares)) {
            return register;
        }
        Field other = register == a ? b : a;
        if (Arrays.equals(joined, other.shares) && sameRegister(register, other)) {
            return other;
        }
        return register.withShares(joined);
    }

    private static Field newerRegister(Field a, Field b) {
        int c = Cell.compareVersions(a.hlc, a.node, a.value == null, b.hlc, b.node, b.value == null);
        if (c != 0) {
            return c > 0 ? a : b;
        }
        if (a.value == null) {
            return Cell.compareVersions(a.removedHlc, a.removedNode, false, b.removedHlc, b.removedNode, false) >= 0 ? a : b;
        }
        // One dot names one write, so equal live dots hold one value; the comparison only keeps
        // the join deterministic if a bad clock ever made two writes share a dot.
        return Arrays.compare(a.value, b.value) >= 0 ? a : b;
    }

    private static boolean sameRegister(Field a, Field b) {
        return a.hlc == b.hlc && a.node == b.node && a.removedHlc == b.removedHlc && a.removedNode == b.removedNode
                && Arrays.equals(a.value, b.value);
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
        return sameRegister(this, other) && Arrays.equals(name, other.name) && Arrays.equals(shares, other.shares);
    }

    /** This field's share of its hash's digest. */
    long digest() {
        Hasher hasher = Hashing.murmur3_128(0x4a5b).newHasher().putInt(name.length).putBytes(name)
                .putLong(hlc).putInt(node);
        if (value == null) {
            hasher.putByte((byte) 1).putLong(removedHlc).putInt(removedNode);
        } else {
            hasher.putByte((byte) 0).putBytes(value);
        }
        for (Share share : shares) {
            hasher.putInt(share.node).putLong(share.birth.hlc()).putInt(share.birth.node()).putLong(share.changes)
                    .putLong(share.net).putLong(share.last.hlc()).putInt(share.last.node());
        }
        return hasher.hash().asLong();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field other && Arrays.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return nameHash;
    }

    @Override
    public String toString() {
        String text = new String(name, StandardCharsets.UTF_8) + "@" + dot();
        text = value == null ? text + " removed by " + removal() : text + "=" + new String(value, StandardCharsets.UTF_8);
        return shares.length == 0 ? text : text + " shares " + Arrays.toString(shares);
    }
}
