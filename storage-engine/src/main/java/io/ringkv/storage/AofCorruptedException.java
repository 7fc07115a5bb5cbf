package io.ringkv.storage;

import java.nio.file.Path;

/** Recovery found a bad record that is not a torn tail; the node must not start on guesswork. */
public final class AofCorruptedException extends java.io.IOException {
    private final Path file;
    private final long offset;

    public AofCorruptedException(Path file, long offset, String reason) {
        super("AOF corrupted: " + file + " at offset " + offset + " (" + reason + "); start with --repair-aof to "
                + "truncate it there (the records after it are lost)");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
