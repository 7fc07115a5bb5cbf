package io.ringkv.storage;

/** Receives stored cells one at a time, with each key's token. */
@FunctionalInterface
public interface CellVisitor {
    void visit(long token, byte[] key, Cell cell);
}
