package io.ringkv.storage.types.hash;

import io.ringkv.storage.types.DecimalText;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.counter.IntegerText;
import java.math.BigDecimal;
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
 * <p>Laid out for a hash of a million fields: a hash stores a field as one array, its
 * {@link #storedKey} (name length, name, the register's dot, value), with what only removed or
 * counted fields need as the map's value ({@link #storedValue}, null for a plain field). A
 * {@code Field} is a view of those two, made when a field is read or written.
 */
final class Field {
    /**
     * One node's increments of a field: when its share was born, how many, their sum (a decimal:
     * HINCRBYFLOAT adds up as HINCRBY does; kept without trailing zeros, so equal sums are equal),
     * the last one's dot.
     */
    record Share(int node, Dot birth, long changes, BigDecimal net, Dot last) {
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

    /**
     * Keys of a hash's map compare by the name inside them: {@code nameLength(varint) name}, then
     * (not compared) {@code hlc(8) node(zig-zag varint) value}.
     */
    static final org.organicdesign.fp.collections.Equator<byte[]> BY_NAME = new org.organicdesign.fp.collections.Equator<>() {
        @Override
        public int hash(byte[] key) {
            int start = nameStart(key);
            int h = 1;
            for (int i = start; i < start + nameLength(key); i++) {
                h = 31 * h + key[i];
            }
            return h;
        }

        @Override
        public boolean eq(byte[] a, byte[] b) {
            int as = nameStart(a);
            int bs = nameStart(b);
            return Arrays.equals(a, as, as + nameLength(a), b, bs, bs + nameLength(b));
        }
    };

    /** The stored key: name length, name, dot, then the value. */
    private final byte[] data;
    private final int nameStart;
    private final int nameLength;
    private final int valueStart;
    final long hlc;
    final int node;
    /** Null for a plain set field; the shares of a counted one; a {@link Removal} for a removed register. */
    private final Object extra;

    private Field(byte[] data, Object extra) {
        this.data = data;
        this.extra = extra;
        this.nameStart = nameStart(data);
        this.nameLength = nameLength(data);
        int at = nameStart + nameLength;
        if (at == data.length) {
            // A probe: a name alone.
            hlc = 0;
            node = 0;
            valueStart = at;
            return;
        }
        long time = 0;
        for (int i = 0; i < 8; i++) {
            time = time << 8 | (data[at + i] & 0xFF);
        }
        at += 8;
        long raw = 0;
        int shift = 0;
        while (true) {
            int b = data[at++];
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        hlc = time;
        node = (int) ((raw >>> 1) ^ -(raw & 1));
        valueStart = at;
    }

    /** The field a hash's map holds as this key and value. */
    static Field view(byte[] storedKey, Object storedValue) {
        return new Field(storedKey, storedValue);
    }

    byte[] storedKey() {
        return data;
    }

    Object storedValue() {
        return extra;
    }

    private static int nameLength(byte[] key) {
        int length = 0;
        int shift = 0;
        for (int i = 0; ; i++) {
            int b = key[i];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return length;
            }
            shift += 7;
        }
    }

    private static int nameStart(byte[] key) {
        int i = 0;
        while ((key[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    private static Field of(byte[] name, long hlc, int node, byte[] value, long removedHlc, int removedNode, Share[] shares) {
        Object extra;
        if (value == null && hlc != 0) {
            extra = new Removal(removedHlc, removedNode, shares);
        } else {
            extra = shares.length == 0 ? null : shares;
        }
        // The dot is written even when zero (a field never set), so only a probe is a bare name.
        io.ringkv.storage.types.StateBuffer.Writer key = new io.ringkv.storage.types.StateBuffer.Writer()
                .putVarint(name.length).putRaw(name).putLong(hlc).putSignedVarint(node);
        if (value != null) {
            key.putRaw(value);
        }
        return new Field(key.toByteArray(), extra);
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

    /** A key to look a field up by: its name alone. */
    static byte[] probe(byte[] name) {
        return new io.ringkv.storage.types.StateBuffer.Writer().putVarint(name.length).putRaw(name).toByteArray();
    }

    byte[] name() {
        return Arrays.copyOfRange(data, nameStart, nameStart + nameLength);
    }

    /** The register's value, or null when removed (or never set). */
    byte[] value() {
        return hasValue() ? Arrays.copyOfRange(data, valueStart, data.length) : null;
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
        return counterText();
    }

    /**
     * The number an increment counts from: the register's (0 when it holds none) plus every share;
     * null when the register holds something that is not a number, or (with {@code integer}) a
     * counter or register that is not an integer: HINCRBY then refuses, as Redis does.
     */
    BigDecimal countFrom(boolean integer) {
        BigDecimal base = BigDecimal.ZERO;
        if (hasValue()) {
            byte[] value = value();
            if (integer && shares().length == 0) {
                Long parsed = IntegerText.parse(value);
                if (parsed == null) {
                    return null;
                }
                base = BigDecimal.valueOf(parsed);
            } else {
                base = DecimalText.parse(value);
                if (base == null) {
                    return null;
                }
            }
        }
        BigDecimal sum = base;
        for (Share share : shares()) {
            sum = sum.add(share.net);
        }
        return integer && sum.stripTrailingZeros().scale() > 0 ? null : sum;
    }

    /** The counter's value as text: an integer as digits, a decimal without trailing zeros. */
    private byte[] counterText() {
        BigDecimal sum = BigDecimal.ZERO;
        if (hasValue()) {
            BigDecimal base = DecimalText.parse(value());
            sum = base == null ? BigDecimal.ZERO : base;
        }
        for (Share share : shares()) {
            sum = sum.add(share.net);
        }
        return DecimalText.format(sum).getBytes(StandardCharsets.US_ASCII);
    }

    /** The delta of {@code owner} adding {@code amount} at {@code dot} to this field as it holds it (null: absent). */
    static Field incremented(Field held, byte[] name, int owner, BigDecimal amount, Dot dot) {
        Share mine = null;
        if (held != null) {
            for (Share share : held.shares()) {
                if (share.node == owner) {
                    mine = share;
                }
            }
        }
        Share next = mine == null ? new Share(owner, dot, 1, DecimalText.canonical(amount), dot)
                : new Share(owner, mine.birth, mine.changes + 1, DecimalText.canonical(mine.net.add(amount)), dot);
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
            return new Field(data, new Removal(removal.hlc, removal.node, kept));
        }
        return new Field(data, kept.length == 0 ? null : kept);
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
        return Arrays.compare(a.data, a.valueStart, a.data.length, b.data, b.valueStart, b.data.length) >= 0 ? a : b;
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
        return sameRegister(this, other) && Arrays.equals(shares(), other.shares());
    }

    /** This field's share of its hash's digest. */
    long digest() {
        Hasher hasher = Hashing.murmur3_128(0x4a5b).newHasher().putInt(nameLength).putBytes(data, nameStart, nameLength)
                .putLong(hlc).putInt(node);
        if (hasValue()) {
            hasher.putByte((byte) 0).putBytes(data, valueStart, data.length - valueStart);
        } else {
            Dot removal = removal();
            hasher.putByte((byte) 1).putLong(removal.hlc()).putInt(removal.node());
        }
        for (Share share : shares()) {
            hasher.putInt(share.node).putLong(share.birth.hlc()).putInt(share.birth.node()).putLong(share.changes)
                    .putString(share.net.toString(), StandardCharsets.US_ASCII).putLong(share.last.hlc())
                    .putInt(share.last.node());
        }
        return hasher.hash().asLong();
    }

    /** Orders fields by name, bytes unsigned (the encoding's order). */
    static int compareNames(Field a, Field b) {
        return Arrays.compareUnsigned(a.data, a.nameStart, a.nameStart + a.nameLength, b.data, b.nameStart,
                b.nameStart + b.nameLength);
    }

    @Override
    public String toString() {
        String text = new String(data, nameStart, nameLength, StandardCharsets.UTF_8) + "@" + dot();
        text = hasValue() ? text + "=" + new String(value(), StandardCharsets.UTF_8) : text + " removed by " + removal();
        return shares().length == 0 ? text : text + " shares " + Arrays.toString(shares());
    }
}
