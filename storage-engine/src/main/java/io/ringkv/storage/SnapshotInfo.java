package io.ringkv.storage;

import java.nio.file.Path;

/** What a finished snapshot wrote: the file, how many cells, how long it took. */
public record SnapshotInfo(Path file, long cells, long bytes, long durationMs) {
}
