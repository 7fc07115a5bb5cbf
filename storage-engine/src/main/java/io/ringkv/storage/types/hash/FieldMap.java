package io.ringkv.storage.types.hash;

import java.util.Iterator;
import org.organicdesign.fp.collections.PersistentHashMap;
import org.organicdesign.fp.collections.UnmodMap;
import org.organicdesign.fp.oneOf.Option;

/**
 * A hash's fields: a persistent hash trie (Paguro's, which is Clojure's) from each field's stored
 * key, one array holding its name, dot and value, to what only removed or counted fields need.
 * So a plain field costs its array and its slot in the trie, no object of its own. Immutable: a
 * write makes a new map sharing all but the path it changed.
 */
final class FieldMap implements Iterable<Field> {
    static final FieldMap EMPTY = new FieldMap(PersistentHashMap.empty(Field.BY_NAME));

    private final PersistentHashMap<byte[], Object> entries;

    private FieldMap(PersistentHashMap<byte[], Object> entries) {
        this.entries = entries;
    }

    /** The field of that name, or null. */
    Field get(byte[] name) {
        return find(Field.probe(name));
    }

    /** The field with the same name as {@code field}, or null. */
    Field get(Field field) {
        return find(field.storedKey());
    }

    private Field find(byte[] key) {
        Option<UnmodMap.UnEntry<byte[], Object>> entry = entries.entry(key);
        return entry.isSome() ? Field.view(entry.get().getKey(), entry.get().getValue()) : null;
    }

    /** This map with {@code field} in place of {@code replaced} (null when its name is new). */
    FieldMap put(Field field, Field replaced) {
        // The trie keeps the key it holds when a key equal to it is put again, and the key is the
        // field's data here: take the old one out first.
        PersistentHashMap<byte[], Object> base = replaced == null ? entries : entries.without(replaced.storedKey());
        return new FieldMap(base.assoc(field.storedKey(), field.storedValue()));
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public Iterator<Field> iterator() {
        Iterator<UnmodMap.UnEntry<byte[], Object>> each = entries.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return each.hasNext();
            }

            @Override
            public Field next() {
                UnmodMap.UnEntry<byte[], Object> entry = each.next();
                return Field.view(entry.getKey(), entry.getValue());
            }
        };
    }
}
