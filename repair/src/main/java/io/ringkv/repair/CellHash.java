package io.ringkv.repair;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.ValueTypes;

/**
 * The hash of one stored entry, XOR-ed into its Merkle leaf. XOR makes a leaf independent of the
 * order entries arrive in, so the tree can follow writes one at a time; hashing the whole entry
 * (key and version, not just the version) keeps two equal entries of different keys from
 * cancelling out.
 *
 * <p>A cell with an expiry hashes without its value: the sweeper turns an expired cell into a
 * value-less tombstone of the same version at a slightly different moment on each replica, and
 * that must not look like divergence. Versions are unique per write, so the version and expiry
 * still tell two such cells apart. Typed values are the exception: their state's digest is canonical, so
 * the hash covers the merged state and replicas that learned it in different orders compare equal.
 */
public final class CellHash {
    private static final HashFunction MURMUR = Hashing.murmur3_128(0x5eed);

    private CellHash() {
    }

    public static long of(byte[] key, Cell cell) {
        Hasher hasher = MURMUR.newHasher()
                .putInt(key.length)
                .putBytes(key)
                .putLong(cell.hlc())
                .putInt(cell.nodeId())
                .putLong(cell.expiresAtMs())
                .putBoolean(isDeletion(cell));
        if (!cell.isString()) {
            // A typed value's state is merged, not replaced: its digest always counts.
            hasher.putByte(cell.type()).putLong(ValueTypes.digest(cell));
        } else if (!cell.hasExpiry() && !cell.isTombstone()) {
            hasher.putBytes(cell.value());
        }
        return hasher.hash().asLong();
    }

    /** A tombstone written by a delete, as opposed to an expired cell the sweeper emptied. */
    static boolean isDeletion(Cell cell) {
        return cell.isTombstone() && !cell.hasExpiry();
    }
}
