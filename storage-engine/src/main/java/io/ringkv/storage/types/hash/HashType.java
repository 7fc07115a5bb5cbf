package io.ringkv.storage.types.hash;

/** The value type of hashes (HSET and its family). */
public final class HashType extends FieldsType {
    public static final byte TAG = 2;
    public static final HashType INSTANCE = new HashType();

    private HashType() {
        super(TAG, "hash");
    }
}
