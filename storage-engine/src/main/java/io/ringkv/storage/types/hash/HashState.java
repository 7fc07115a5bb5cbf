package io.ringkv.storage.types.hash;

import io.ringkv.storage.types.DecimalText;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ExpiryRegister;
import io.ringkv.storage.types.ResetCodec;
import io.ringkv.storage.types.StateBuffer;
import io.ringkv.storage.types.TypedState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A hash whose replicas merge field by field (DESIGN.md, "Typed values").
 *
 * <ul>
 *   <li>{@code fields}: each a {@link Field}, a last-write-wins register by dot in which an HDEL
 *       files a removal under the dot it observed, so it removes that write and older ones and
 *       loses to writes it did not see.</li>
 *   <li>{@code reset}: the key's newest plain write (a SET's string or a DEL's tombstone). It ends
 *       every field written at or before it; while no field is newer, the key is that string (or
 *       nothing).</li>
 *   <li>{@code expiry}: the key's expiry, an {@link ExpiryRegister}, as a counter's.</li>
 * </ul>
 *
 * <p>Each part is a join-semilattice, and dropping what the reset ends only removes more as the
 * reset grows, so {@link #merge} is commutative, associative and idempotent. The fields are a
 * persistent map ({@link FieldMap}): merging a delta of k fields costs k bucket lookups and copies
 * and shares everything else with the state before, which readers may still hold.
 *
 * <p>Removed fields stay as removals (a tombstone per field) so a replica that missed the HDEL
 * cannot bring the field back, until gc grace has passed: then the sweeper purges them
 * ({@link #withoutRemovalsBefore}), as it purges cell tombstones.
 */
public final class HashState implements TypedState {
    /** A state held beside something kept with it (a list's order): the hash it is. */
    public interface Backed extends TypedState {
        HashState hash();
    }

    /** No fields, no reset, no expiry. */
    public static final HashState EMPTY = new HashState(null, FieldMap.EMPTY, ExpiryRegister.EMPTY, 0, 0, Dot.ZERO, Dot.ZERO, false);

    private final Cell reset;
    private final FieldMap fields;
    private final ExpiryRegister expiry;
    /** Fields holding a value. */
    private final int live;
    /** The sum of the fields' digests: order-free, so kept field by field. */
    private final long fieldsDigest;
    /** The newest dot among the fields' writes and removals: with the reset and expiry, the cell's version. */
    private final Dot newestField;

    /**
     * True for a projection: the parts of a hash one command needs (some fields, with the reset
     * and expiry), as a replica answers a read of them; {@code survivor} is then the whole
     * hash's, so the projection still tells a hash from what its reset holds.
     */
    private final boolean projection;
    /**
     * The newest dot a reset must pass to end every field ({@link Field#survivalDot}): the key is a
     * hash while it is newer than the reset. Only grows as fields are replaced, so it is kept field
     * by field.
     */
    private final Dot survivor;

    private HashState(Cell reset, FieldMap fields, ExpiryRegister expiry, int live, long fieldsDigest,
                      Dot newestField) {
        this(reset, fields, expiry, live, fieldsDigest, newestField, Dot.ZERO, false);
    }

    private HashState(Cell reset, FieldMap fields, ExpiryRegister expiry, int live, long fieldsDigest,
                      Dot newestField, Dot survivor, boolean projection) {
        this.projection = projection;
        this.survivor = survivor;
        this.reset = reset;
        this.fields = fields;
        this.expiry = expiry;
        this.live = live;
        this.fieldsDigest = fieldsDigest;
        this.newestField = newestField;
    }

    /** The state a cell holds: a hash's (decoded if it came as bytes), or a plain string or tombstone as the reset. */
    public static HashState of(Cell cell) {
        if (isFieldsType(cell.type())) {
            if (cell.state() instanceof Backed backed) {
                return backed.hash();
            }
            return cell.state() instanceof HashState state ? state : decode(cell.value());
        }
        if (!cell.isString()) {
            throw new IllegalArgumentException("not a hash or a plain cell: " + cell);
        }
        return new HashState(cell, FieldMap.EMPTY, ownExpiry(cell), 0, 0, Dot.ZERO);
    }

    private static boolean isFieldsType(byte tag) {
        return tag != Cell.STRING && io.ringkv.storage.types.ValueTypes.of(tag) instanceof FieldsType;
    }

    /** The expiry a plain write brings: its own; none for a tombstone (a swept one keeps its old expiry for purging only). */
    private static ExpiryRegister ownExpiry(Cell plain) {
        return ExpiryRegister.of(Dot.of(plain), plain.isTombstone() ? Cell.NO_EXPIRY : plain.expiresAtMs());
    }

    /** A delta setting fields (name, value pairs) at {@code dot}. */
    static HashState setting(List<byte[]> namesAndValues, Dot dot) {
        HashState delta = EMPTY;
        for (int i = 0; i + 1 < namesAndValues.size(); i += 2) {
            delta = delta.with(Field.set(namesAndValues.get(i), dot, namesAndValues.get(i + 1)));
        }
        return delta;
    }

    /** A delta removing, at {@code removal}, the given fields as this state (what a reader observed) holds them. */
    HashState removing(List<byte[]> names, Dot removal) {
        HashState delta = EMPTY;
        for (byte[] name : names) {
            Field seen = field(name);
            if (seen != null && !seen.isRemoved()) {
                // Filed under the newest dot seen in the field, so it ends the counter shares seen too.
                delta = delta.with(Field.removed(seen.name(), seen.newestDot(), removal));
            }
        }
        return delta;
    }

    /** This state with its expiry set by a write at {@code version} that read it (EXPIRE, PERSIST), as a delta. */
    HashState expiryDelta(Dot version, long atMs) {
        return new HashState(reset, FieldMap.EMPTY, expiry.write(version, atMs), 0, 0, Dot.ZERO);
    }

    /** The field as stored (set or removed), or null. */
    Field field(byte[] name) {
        return fields.get(name);
    }

    /** The value of a field a reader sees, or null. */
    public byte[] get(byte[] name) {
        Field field = field(name);
        return field == null ? null : field.visibleValue();
    }

    /**
     * The delta of {@code owner} (this replica, holding this state) adding {@code amount} to a
     * field's counter at {@code dot}, and the field's value after it.
     *
     * @throws ValueRefusedException when the field holds something other than an integer, or on overflow
     */
    IncrementedField incrementing(byte[] name, int owner, java.math.BigDecimal amount, boolean integer, Dot dot) {
        Field held = field(name);
        java.math.BigDecimal before = held == null ? java.math.BigDecimal.ZERO : held.countFrom(integer);
        if (before == null) {
            throw new io.ringkv.storage.types.ValueRefusedException(
                    integer ? "ERR hash value is not an integer" : "ERR hash value is not a float");
        }
        java.math.BigDecimal after = before.add(amount);
        if (integer && (after.compareTo(LONG_MIN) < 0 || after.compareTo(LONG_MAX) > 0)) {
            throw new io.ringkv.storage.types.ValueRefusedException(io.ringkv.storage.types.ValueRefusedException.OVERFLOW);
        }
        return new IncrementedField(EMPTY.with(Field.incremented(held, name, owner, amount, dot)), after);
    }

    private static final java.math.BigDecimal LONG_MIN = java.math.BigDecimal.valueOf(Long.MIN_VALUE);
    private static final java.math.BigDecimal LONG_MAX = java.math.BigDecimal.valueOf(Long.MAX_VALUE);

    record IncrementedField(HashState delta, java.math.BigDecimal value) {
    }

    /** The newest dot recorded in a field (its write, removal or last increment), or null when it has none. */
    public Dot fieldVersion(byte[] name) {
        Field field = field(name);
        return field == null ? null : field.newestDot();
    }

    /** True when the key is a hash to readers: some field is newer than the reset. */
    public boolean isHash() {
        return survivor.compareTo(Dot.ZERO) > 0 && (reset == null || survivor.compareTo(Dot.of(reset)) > 0);
    }

    /**
     * The projection of this hash on {@code names}: those fields (as held, removed ones too), the
     * reset and the expiry, and the whole hash's newest field dot. What a replica ships for HGET,
     * HMGET, HEXISTS, HSTRLEN and the reads of HSET and HDEL: it costs the fields asked for, not
     * the hash; merged into a full hash (read repair) it adds exactly those fields.
     */
    public HashState projected(java.util.Collection<byte[]> names) {
        List<Field> held = new ArrayList<>(names.size());
        for (byte[] name : names) {
            Field field = field(name);
            if (field != null) {
                held.add(field);
            }
        }
        return projectionOf(held);
    }

    /**
     * The projection on the live fields from the {@code from}-th in name order, {@code count} of
     * them: a list's end, found in one walk instead of a lookup per name. Only for an
     * {@link #ordered} state.
     */
    public HashState projectedLive(int from, int count) {
        return projectionOf(packed().liveFields(from, count));
    }

    private HashState projectionOf(List<Field> held) {
        HashState part = new HashState(reset, FieldMap.EMPTY, expiry, 0, 0, Dot.ZERO, Dot.ZERO, true);
        for (Field field : held) {
            if (part.fields.get(field) == null) {
                part = part.put(field, null);
            }
        }
        return new HashState(reset, part.fields, expiry, part.live, part.fieldsDigest, part.newestField, survivor, true);
    }

    /** Fields holding a value (HLEN). */
    public int size() {
        return live;
    }

    /** Fields recorded, removed ones included. */
    public int fieldCount() {
        return fields.size();
    }

    /**
     * How many tries {@link #randomLive} needs on average to find a live field: few on a large
     * hash, many on one whose fields are mostly removed ones not yet purged.
     */
    public double triesPerPick() {
        return live == 0 ? Double.POSITIVE_INFINITY : fields.slots() / (double) live;
    }

    /**
     * Hands a live field picked at random, each equally likely, to {@code visitor} (see
     * {@link FieldMap#randomPick}); false when none of {@code tries} tries found one. A try costs one
     * bucket whatever the hash's size, so it suits large hashes; most tries on a small one find
     * nothing (callers list a small hash instead).
     */
    public boolean randomLive(java.util.random.RandomGenerator random, int tries,
                              java.util.function.BiConsumer<byte[], byte[]> visitor) {
        for (int i = 0; i < tries && live > 0; i++) {
            Field field = fields.randomPick(random);
            if (field != null && !field.isRemoved()) {
                visitor.accept(field.name(), field.visibleValue());
                return true;
            }
        }
        return false;
    }

    /**
     * This state with its fields in name order, packed ({@link PackedFieldMap}): how the store
     * holds a list, whose names are positions. O(n log n) the first time, this state itself after.
     */
    public HashState ordered() {
        if (fields instanceof PackedFieldMap) {
            return this;
        }
        List<Field> sorted = fieldList();
        sorted.sort(Field::compareNames);
        return new HashState(reset, PackedFieldMap.ofSorted(sorted), expiry, live, fieldsDigest, newestField, survivor,
                projection);
    }

    /** True when the fields are held in name order ({@link #ordered}). */
    public boolean isOrdered() {
        return fields instanceof PackedFieldMap;
    }

    /** The name of the {@code index}-th live field in name order: O(log n). Only for an {@link #ordered} state. */
    public byte[] liveNameAt(int index) {
        return packed().liveNameAt(index);
    }

    /**
     * The index of {@code name} among the live fields in name order, or {@code -(insertion point) - 1}
     * when it names no live field: O(log n). Only for an {@link #ordered} state.
     */
    public int liveIndexOf(byte[] name) {
        return packed().liveIndexOf(name);
    }

    private PackedFieldMap packed() {
        if (fields instanceof PackedFieldMap packed) {
            return packed;
        }
        throw new IllegalStateException("fields not held in order");
    }

    /** True when the field of that name holds a value (cheaper than {@link #get}: no copy). */
    public boolean isLive(byte[] name) {
        Field field = field(name);
        return field != null && !field.isRemoved();
    }

    /** The names of every field recorded, removed ones included, in no particular order. */
    public void forEachName(java.util.function.Consumer<byte[]> visitor) {
        for (Field field : fields) {
            visitor.accept(field.name());
        }
    }

    /** True when both hold the same reset (the key's last plain write), so no field was ended by a newer one. */
    public boolean sameReset(HashState other) {
        return java.util.Objects.equals(reset, other.reset);
    }

    /**
     * True when this state holds {@code delta}'s fields exactly as the delta has them (same
     * register, removal and shares: a later write to a field fails it), its reset (if any) as
     * this state's, and its expiry write merged in already.
     */
    public boolean holds(HashState delta) {
        if (delta.reset != null && !delta.reset.equals(reset)) {
            return false;
        }
        Dot floor = reset == null ? null : Dot.of(reset);
        if (!expiry.merge(delta.expiry, floor).equals(expiry)) {
            return false;
        }
        for (Field field : delta.fields) {
            Field held = fields.get(field);
            if (held == null || !held.sameAs(field)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when this state shows it never held {@code delta}'s fields: one of them is missing
     * though no newer reset ended it, or merging it would change the field held, or the same write
     * of it was removed by another removal (once removed it is not seen live again, so no one who
     * saw the delta's removal removes it again). Used by STRONG proposers, whose reads all see
     * every chosen write.
     */
    public boolean lacks(HashState delta) {
        Dot floor = reset == null ? null : Dot.of(reset);
        for (Field field : delta.fields) {
            Field held = fields.get(field);
            if (held == null) {
                if (floor == null || field.newestDot().compareTo(floor) > 0) {
                    return true;
                }
            } else if (!held.sameAs(field)
                    && (Field.newer(held, field) != held || removedByAnother(held, field))) {
                return true;
            }
        }
        return false;
    }

    private static boolean removedByAnother(Field held, Field field) {
        return held.isRemoved() && field.isRemoved() && held.dot().equals(field.dot()) && !held.removal().equals(field.removal());
    }

    /** The fields holding a value, in no particular order. */
    public void forEachLive(java.util.function.BiConsumer<byte[], byte[]> visitor) {
        for (Field field : fields) {
            if (!field.isRemoved()) {
                visitor.accept(field.name(), field.visibleValue());
            }
        }
    }

    /** What string commands see: the reset's string while no field is newer, else null (callers check {@link #isHash} first). */
    public byte[] stringValue() {
        return isHash() || reset == null || reset.isTombstone() ? null : reset.value();
    }

    @Override
    public boolean hasContent() {
        return live > 0 || !isHash() && reset != null && !reset.isTombstone();
    }

    private HashState with(Field field) {
        return put(field, fields.get(field));
    }

    /** This state with {@code field} in place of {@code replaced} (null when new). */
    private HashState put(Field field, Field replaced) {
        int liveNow = live + (field.isRemoved() ? 0 : 1) - (replaced == null || replaced.isRemoved() ? 0 : 1);
        long digestNow = fieldsDigest + field.digest() - (replaced == null ? 0 : replaced.digest());
        FieldMap next = fields.put(field, replaced);
        Dot newest = Dot.max(newestField, field.newestDot());
        if (replaced != null && replaced.newestDot().equals(newestField) && field.newestDot().compareTo(newestField) < 0) {
            // A write beat a removal filed under an older dot but made later: the newest dot left
            // with the removal, so look for it again. Rare (an HSET concurrent with an HDEL).
            newest = Dot.ZERO;
            for (Field each : next) {
                newest = Dot.max(newest, each.newestDot());
            }
        }
        return new HashState(reset, next, expiry, liveNow, digestNow, newest, Dot.max(survivor, field.survivalDot()), projection);
    }

    /** The join (see the class comment). Returns {@code this} or {@code other} itself when the join is that state. */
    public HashState merge(HashState other) {
        HashState big = fields.size() >= other.fields.size() ? this : other;
        HashState small = big == this ? other : this;
        Cell newestReset = Cell.newer(big.reset, small.reset);
        Dot floor = newestReset == null ? null : Dot.of(newestReset);
        HashState merged = new HashState(newestReset, big.fields, big.expiry.merge(small.expiry, floor), big.live,
                big.fieldsDigest, big.newestField, big.survivor, big.projection);
        for (Field each : small.fields) {
            Field incoming = floor == null ? each : each.trimmedTo(floor);
            if (incoming == null) {
                continue;
            }
            Field held = merged.fields.get(incoming);
            Field winner = held == null ? incoming : Field.newer(held, incoming);
            if (winner != held) {
                merged = merged.put(winner, held);
            }
        }
        if (floor != null && !newestReset.equals(big.reset) && !merged.fields.isEmpty()) {
            merged = merged.droppingFieldsAtOrBefore(floor);
        }
        if (projection || other.projection) {
            merged = settleProjection(merged, other, big.projection);
        }
        return merged.sameAs(big) ? big : merged;
    }

    /**
     * Whether the join of this and {@code other}, one of them a projection, is whole or a
     * projection, and its newest field dot. Two projections (or a projection and a plain write's
     * state) make a projection whose dot is the larger whole hash's. A projection merged into a
     * whole hash (read repair) makes a whole hash, unless the projection vouches for a field newer
     * than any the result holds (it carried a reset that ended this replica's fields, but not the
     * newer fields elsewhere): then the result stays a projection with that dot, so the replica
     * keeps answering as a hash until repair brings the fields.
     */
    private HashState settleProjection(HashState merged, HashState other, boolean bigWasProjection) {
        Dot claimed = Dot.ZERO;
        if (projection) {
            claimed = survivor;
        }
        if (other.projection) {
            claimed = Dot.max(claimed, other.survivor);
        }
        // A whole side keeps its dot exact field by field; only a projection's fields need a pass.
        Dot actual = bigWasProjection ? survivorOf(merged.fields) : merged.survivor;
        boolean wholeHash = !projection && !fields.isEmpty() || !other.projection && !other.fields.isEmpty();
        Dot floor = merged.reset == null ? Dot.ZERO : Dot.of(merged.reset);
        if (!wholeHash || claimed.compareTo(actual) > 0 && claimed.compareTo(floor) > 0) {
            return merged.withSurvivor(Dot.max(claimed, actual), true);
        }
        return merged.withSurvivor(actual, false);
    }

    private HashState withSurvivor(Dot dot, boolean isProjection) {
        return new HashState(reset, fields, expiry, live, fieldsDigest, newestField, dot, isProjection);
    }

    private static Dot survivorOf(FieldMap fields) {
        Dot newest = Dot.ZERO;
        for (Field field : fields) {
            newest = Dot.max(newest, field.survivalDot());
        }
        return newest;
    }

    /**
     * This state without the removed fields whose removal is older than {@code cutoffMs} (wall
     * clock of the removal's HLC), or this state itself when there are none. A whole pass, run by
     * the sweeper now and then, not by writes.
     */
    HashState withoutRemovalsBefore(long cutoffMs) {
        HashState kept = new HashState(reset, fields.emptyLike(), expiry, 0, 0, Dot.ZERO, Dot.ZERO, projection);
        boolean dropped = false;
        for (Field field : fields) {
            if (field.isRemoved() && io.ringkv.storage.HybridClock.physicalMs(field.removal().hlc()) < cutoffMs) {
                dropped = true;
            } else {
                kept = kept.put(field, null);
            }
        }
        return dropped ? kept.withSurvivor(projection ? survivor : kept.survivor, projection) : this;
    }

    /** Ends every field written at or before {@code floor}: a whole pass, paid only when a reset advances. */
    private HashState droppingFieldsAtOrBefore(Dot floor) {
        HashState kept = new HashState(reset, fields.emptyLike(), expiry, 0, 0, Dot.ZERO, Dot.ZERO, projection);
        for (Field field : fields) {
            Field left = field.trimmedTo(floor);
            if (left != null) {
                kept = kept.put(left, null);
            }
        }
        return kept;
    }

    /** Same parts as {@code other}, cheaply when they are the very same maps. */
    private boolean sameAs(HashState other) {
        return live == other.live && fieldsDigest == other.fieldsDigest && fields.size() == other.fields.size()
                && projection == other.projection
                && newestField.equals(other.newestField) && survivor.equals(other.survivor)
                && java.util.Objects.equals(reset, other.reset) && expiry.equals(other.expiry)
                && (fields == other.fields || sameFields(other));
    }

    private boolean sameFields(HashState other) {
        for (Field field : fields) {
            Field theirs = other.fields.get(field);
            if (theirs == null || !theirs.sameAs(field)) {
                return false;
            }
        }
        return true;
    }

    /** The newest version among the reset, the expiry and the fields. */
    Dot version() {
        // The survivor counts for a projection, which may hold no field; a whole hash's is never newer than its fields'.
        Dot newest = Dot.max(Dot.max(expiry.version(), newestField), survivor);
        return reset == null ? newest : Dot.max(newest, Dot.of(reset));
    }

    /**
     * The canonical cell of this state: its version is the newest of the parts and its expiry the
     * register's, and a state with no fields whose expiry is the reset's own is the reset cell
     * itself, so a hash that a SET or DEL replaced is stored exactly as that SET or DEL.
     */
    public Cell toCell() {
        return toCell(HashType.TAG);
    }

    /** {@link #toCell()} as a value of the type tagged {@code tag} (a hash or a set). */
    public Cell toCell(byte tag) {
        if (fields.isEmpty() && !isHash() && reset != null && expiry.equals(ownExpiry(reset))) {
            return reset;
        }
        Dot version = version();
        return Cell.typed(version.hlc(), version.node(), tag, this, expiry.atMs());
    }

    @Override
    public long digest() {
        long resetPart = reset == null ? 0 : java.util.Objects.hash(reset.hlc(), reset.nodeId(), reset.isTombstone(),
                reset.expiresAtMs(), reset.isTombstone() ? 0 : Arrays.hashCode(reset.value()));
        return fieldsDigest * 31 + resetPart * 17 + expiry.hashCode() + (projection ? survivor.hashCode() : 0);
    }

    private static final int FIELD_REMOVED = 1;
    private static final int FIELD_SHARES = 2;
    private static final int HAS_RESET = 1;
    private static final int RESET_LIVE = 2;
    private static final int PROJECTION = 4;

    /**
     * {@code flags(1)} (bit 0: a reset follows; bit 1: it is a string), the reset as
     * {@code dot tombstone(1) expiresAtMs(8) value(bytes)}, the expiry register, a projection's
     * whole survivor dot (bit 2 of the flags), then {@code count}
     * fields in name order, each {@code name(bytes) dot flags(1)} (bit 0: removed or never set,
     * bit 1: shares follow), then {@code value(bytes)} or the removal's {@code dot}, then the
     * shares as {@code count (node birth changes net last)}.
     */
    @Override
    public byte[] encode() {
        StateBuffer.Writer out = new StateBuffer.Writer();
        out.putByte((reset == null ? 0 : HAS_RESET) | (reset != null && !reset.isTombstone() ? RESET_LIVE : 0)
                | (projection ? PROJECTION : 0));
        if (reset != null) {
            ResetCodec.encode(out, reset);
        }
        expiry.encode(out);
        if (projection) {
            out.putDot(survivor);
        }
        List<Field> sorted = new ArrayList<>(fields.size());
        fields.forEach(sorted::add);
        sorted.sort(Field::compareNames);
        out.putVarint(sorted.size());
        for (Field field : sorted) {
            byte[] value = field.value();
            Field.Share[] shares = field.shares();
            out.putBytes(field.name()).putDot(field.dot())
                    .putByte((value != null ? 0 : FIELD_REMOVED) | (shares.length > 0 ? FIELD_SHARES : 0));
            if (value != null) {
                out.putBytes(value);
            } else {
                out.putDot(field.removal());
            }
            if (shares.length > 0) {
                out.putVarint(shares.length);
                for (Field.Share share : shares) {
                    out.putSignedVarint(share.node()).putDot(share.birth()).putVarint(share.changes())
                            .putBytes(share.net().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .putDot(share.last());
                }
            }
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a hash's encoding */
    public static HashState decode(byte[] bytes) {
        StateBuffer.Reader in = new StateBuffer.Reader(bytes);
        int flags = in.getByte();
        if (flags > (HAS_RESET | RESET_LIVE | PROJECTION) || (flags & (HAS_RESET | RESET_LIVE)) == RESET_LIVE) {
            throw new IllegalArgumentException("bad hash flags " + flags);
        }
        Cell reset = null;
        if ((flags & HAS_RESET) != 0) {
            reset = ResetCodec.decode(in);
            if (reset.isTombstone() == ((flags & RESET_LIVE) != 0)) {
                throw new IllegalArgumentException("bad hash reset");
            }
        }
        ExpiryRegister expiry = ExpiryRegister.decode(in);
        boolean isProjection = (flags & PROJECTION) != 0;
        Dot wholeNewest = isProjection ? in.getDot() : null;
        HashState state = new HashState(reset, FieldMap.EMPTY, expiry, 0, 0, Dot.ZERO, Dot.ZERO, isProjection);
        int count = in.getCount(11);
        for (int i = 0; i < count; i++) {
            byte[] name = in.getBytes();
            Dot dot = in.getDot();
            int fieldFlags = in.getByte();
            if (fieldFlags > (FIELD_REMOVED | FIELD_SHARES)) {
                throw new IllegalArgumentException("bad hash field flags " + fieldFlags);
            }
            Field field = (fieldFlags & FIELD_REMOVED) != 0 ? Field.decodedRemoval(name, dot, in.getDot())
                    : Field.set(name, dot, in.getBytes());
            if ((fieldFlags & FIELD_SHARES) != 0) {
                int shareCount = in.getCount(20);
                Field.Share[] shares = new Field.Share[shareCount];
                for (int s = 0; s < shareCount; s++) {
                    long node = in.getSignedVarint();
                    if (node != (int) node) {
                        throw new IllegalArgumentException("bad node id " + node);
                    }
                    Dot birth = in.getDot();
                    long changes = in.getVarint();
                    java.math.BigDecimal net = DecimalText.parse(in.getBytes());
                    if (net == null || !net.equals(DecimalText.canonical(net))) {
                        throw new IllegalArgumentException("bad share sum");
                    }
                    shares[s] = new Field.Share((int) node, birth, changes, net, in.getDot());
                }
                field = field.decodedShares(shares);
            }
            if (state.field(name) != null) {
                throw new IllegalArgumentException("hash field twice");
            }
            state = state.put(field, null);
        }
        in.expectEnd();
        return isProjection ? state.withSurvivor(wholeNewest, true) : state;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof Backed backed) {
            return sameAs(backed.hash());
        }
        return o instanceof HashState other && sameAs(other);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(digest());
    }

    private List<Field> fieldList() {
        List<Field> list = new ArrayList<>(fields.size());
        fields.forEach(list::add);
        return list;
    }

    @Override
    public String toString() {
        return "HashState{reset=" + reset + ", expiry=" + expiry + ", fields=" + fieldList() + "}";
    }
}
