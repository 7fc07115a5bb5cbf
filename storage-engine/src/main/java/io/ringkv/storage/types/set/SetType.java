package io.ringkv.storage.types.set;

import io.ringkv.storage.types.hash.FieldsType;

/**
 * The value type of sets (SADD and its family): an observed-remove set, held as a hash whose fields
 * are the members with empty values, so it merges as a hash does: an SADD wins over an SREM that
 * did not see it, an SREM removes the adds it read, and removed members are purged after gc grace.
 */
public final class SetType extends FieldsType {
    public static final byte TAG = 3;
    public static final SetType INSTANCE = new SetType();

    private SetType() {
        super(TAG, "set");
    }
}
