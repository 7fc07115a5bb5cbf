package io.ringkv.storage.types.hash;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.organicdesign.fp.collections.PersistentHashMap;
import org.organicdesign.fp.collections.UnmodMap;

/**
 * A hash's fields spread by name, immutable: a write makes a new map that shares all but what it
 * changed.
 *
 * <p>Fields are spread by the hash of their name over at most {@value #BUCKETS} buckets, each a
 * small array of (stored key, stored value) pairs copied on write, and the buckets sit in a
 * persistent hash trie (Paguro's, which is Clojure's). A field is its stored key, one array with
 * its name, dot and value, plus a value that only removed or counted fields have. Why buckets and
 * not one trie entry per field: at a million fields a trie spends a bottom node per field or two
 * (about 45 bytes a field); buckets of about 30 fields spend about 6, and a lookup scans one bucket.
 * Past some 5 million fields the buckets grow long and writes copy more; a hash that big would want
 * a deeper structure.
 */
final class BucketFieldMap extends FieldMap {
    private static final int BUCKET_BITS = 15;
    static final int BUCKETS = 1 << BUCKET_BITS;
    static final BucketFieldMap EMPTY = new BucketFieldMap(PersistentHashMap.empty(), 0, 0);

    /** Bucket number to its pairs: key at even indexes, value at odd ones. */
    private final PersistentHashMap<Integer, Object[]> buckets;
    private final int size;
    /** At least the most fields any bucket holds (it never shrinks): the bound of {@link #randomPick}'s rejection. */
    private final int widest;

    private BucketFieldMap(PersistentHashMap<Integer, Object[]> buckets, int size, int widest) {
        this.buckets = buckets;
        this.size = size;
        this.widest = widest;
    }

    private static int bucketOf(byte[] key) {
        int h = Field.BY_NAME.hash(key);
        // Mixed (murmur3's finalizer), so the top bits that choose the bucket depend on every byte.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h >>> (Integer.SIZE - BUCKET_BITS);
    }

    @Override
    Field get(byte[] name) {
        return find(Field.probe(name));
    }

    @Override
    Field get(Field field) {
        return find(field.storedKey());
    }

    private Field find(byte[] key) {
        Object[] pairs = buckets.get(bucketOf(key));
        int at = indexIn(pairs, key);
        return at < 0 ? null : Field.view((byte[]) pairs[at], pairs[at + 1]);
    }

    private static int indexIn(Object[] pairs, byte[] key) {
        if (pairs != null) {
            for (int i = 0; i < pairs.length; i += 2) {
                if (Field.BY_NAME.eq((byte[]) pairs[i], key)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    FieldMap put(Field field, Field replacedOrNull) {
        byte[] key = field.storedKey();
        int bucket = bucketOf(key);
        Object[] pairs = buckets.get(bucket);
        int at = indexIn(pairs, key);
        Object[] next;
        if (at >= 0) {
            next = pairs.clone();
        } else {
            next = pairs == null ? new Object[2] : Arrays.copyOf(pairs, pairs.length + 2);
            at = next.length - 2;
        }
        next[at] = key;
        next[at + 1] = field.storedValue();
        return new BucketFieldMap(buckets.assoc(bucket, next), at >= (pairs == null ? 0 : pairs.length) ? size + 1 : size,
                Math.max(widest, next.length / 2));
    }

    @Override
    int size() {
        return size;
    }

    /**
     * A field picked at random, or null when this try found none: a random bucket and a random slot
     * below {@link #widest}, which holds a field or not. Every field is equally likely (a try finds
     * one with probability size / (buckets × widest)); a try costs one bucket.
     */
    @Override
    Field randomPick(java.util.random.RandomGenerator random) {
        if (widest == 0) {
            return null;
        }
        Object[] pairs = buckets.get(random.nextInt(BUCKETS));
        int at = 2 * random.nextInt(widest);
        if (pairs == null || at >= pairs.length) {
            return null;
        }
        return Field.view((byte[]) pairs[at], pairs[at + 1]);
    }

    /** The slots {@link #randomPick} chooses among: buckets times the widest bucket. */
    @Override
    long slots() {
        return (long) BUCKETS * widest;
    }

    @Override
    FieldMap emptyLike() {
        return EMPTY;
    }

    @Override
    public Iterator<Field> iterator() {
        Iterator<UnmodMap.UnEntry<Integer, Object[]>> each = buckets.iterator();
        return new Iterator<>() {
            private Object[] pairs = new Object[0];
            private int at;

            @Override
            public boolean hasNext() {
                while (at >= pairs.length && each.hasNext()) {
                    pairs = each.next().getValue();
                    at = 0;
                }
                return at < pairs.length;
            }

            @Override
            public Field next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Field field = Field.view((byte[]) pairs[at], pairs[at + 1]);
                at += 2;
                return field;
            }
        };
    }
}
