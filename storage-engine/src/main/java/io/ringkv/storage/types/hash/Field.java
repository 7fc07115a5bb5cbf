package io.ringkv.storage.types.hash;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import java.util.Arrays;

/**
 * One field of a hash as replicas hold it: its name, the version ("dot") of the write that set
 * it, and its value; or, once an HDEL removed it, the dot the HDEL observed and the HDEL's own.
 *
 * <p>A field is a last-write-wins register by dot, in which a removal is filed under the dot it
 * removed: it beats that write and every older one, and loses to any write it did not observe
 * (a newer dot), so an HSET concurrent with an HDEL survives it. Equality and hash code are by name
 * alone, so a field is its own key in the hash's map.
 */
final class Field {
    final byte[] name;
    private final int nameHash;
    final long hlc;
    final int node;
    /** The value, or null once removed. */
    final byte[] value;
    /** The removing HDEL's dot (0 while the field holds a value); purge counts gc grace from it. */
    final long removedHlc;
    final int removedNode;

    private Field(byte[] name, long hlc, int node, byte[] value, long removedHlc, int removedNode) {
        this.name = name;
        this.nameHash = Arrays.hashCode(name);
        this.hlc = hlc;
        this.node = node;
        this.value = value;
        this.removedHlc = removedHlc;
        this.removedNode = removedNode;
    }

    static Field set(byte[] name, Dot dot, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("a set field needs a value");
        }
        return new Field(name, dot.hlc(), dot.node(), value, 0, 0);
    }

    /** The removal of the write at {@code observed}, by a removal at {@code removal}. */
    static Field removed(byte[] name, Dot observed, Dot removal) {
        if (removal.hlc() <= 0) {
            throw new IllegalArgumentException("a removal needs a dot");
        }
        return new Field(name, observed.hlc(), observed.node(), null, removal.hlc(), removal.node());
    }

    /** A name to look a field up by. */
    static Field probe(byte[] name) {
        return new Field(name, 0, 0, null, 0, 0);
    }

    Dot dot() {
        return new Dot(hlc, node);
    }

    Dot removal() {
        return new Dot(removedHlc, removedNode);
    }

    boolean isRemoved() {
        return value == null;
    }

    /** The newest dot this field records: its write's, or its removal's. */
    Dot newestDot() {
        return isRemoved() ? Dot.max(dot(), removal()) : dot();
    }

    boolean atOrBefore(Dot floor) {
        return Cell.compareVersions(hlc, node, false, floor.hlc(), floor.node(), false) <= 0;
    }

    /** The register's join: the newer dot; on one dot the removal; between removals of one dot, the later removal. */
    static Field newer(Field a, Field b) {
        int c = Cell.compareVersions(a.hlc, a.node, a.isRemoved(), b.hlc, b.node, b.isRemoved());
        if (c != 0) {
            return c > 0 ? a : b;
        }
        if (a.isRemoved()) {
            return Cell.compareVersions(a.removedHlc, a.removedNode, false, b.removedHlc, b.removedNode, false) >= 0 ? a : b;
        }
        // One dot names one write, so equal live dots hold one value; the comparison only keeps
        // the join deterministic if a bad clock ever made two writes share a dot.
        return Arrays.compare(a.value, b.value) >= 0 ? a : b;
    }

    /** Same name, dot, value and removal. */
    boolean sameAs(Field other) {
        return hlc == other.hlc && node == other.node && removedHlc == other.removedHlc
                && removedNode == other.removedNode && Arrays.equals(name, other.name) && Arrays.equals(value, other.value);
    }

    /** This field's share of its hash's digest. */
    long digest() {
        Hasher hasher = Hashing.murmur3_128(0x4a5b).newHasher().putInt(name.length).putBytes(name)
                .putLong(hlc).putInt(node);
        if (isRemoved()) {
            hasher.putByte((byte) 1).putLong(removedHlc).putInt(removedNode);
        } else {
            hasher.putByte((byte) 0).putBytes(value);
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
        String text = new String(name, java.nio.charset.StandardCharsets.UTF_8) + "@" + dot();
        return isRemoved() ? text + " removed by " + removal() : text + "=" + new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
