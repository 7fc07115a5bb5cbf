package io.ringkv.storage.types.list;

import io.ringkv.storage.types.hash.FieldsType;

/**
 * The value type of lists (LPUSH and its family): a sequence held as a hash whose fields are the
 * elements' positions ({@link ListPositions}) and whose values are the elements, so it merges as
 * a hash does: every push through any coordinator is kept (each element's position is unique), a
 * pop removes only the element it read, and the order, that of the positions, is the same on every
 * replica.
 */
public final class ListType extends FieldsType {
    public static final byte TAG = 4;
    public static final ListType INSTANCE = new ListType();

    private ListType() {
        super(TAG, "list");
    }
}
