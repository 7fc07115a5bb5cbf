package io.ringkv.repair;

import io.ringkv.sharding.Murmur3Partitioner;
import io.ringkv.sharding.Ring;
import io.ringkv.sharding.TokenAllocator;
import io.ringkv.sharding.TokenRange;
import io.ringkv.storage.AppendFsync;
import io.ringkv.storage.StorageConfig;
import io.ringkv.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Real storage engines in temporary directories, with a clock the test moves. */
final class Stores {
    static final long GC_GRACE_MS = 60_000;

    private Stores() {
    }

    static StorageEngine open(Path dir, AtomicLong clockMs) throws IOException {
        return StorageEngine.open(new StorageConfig(dir, AppendFsync.NO, GC_GRACE_MS, 3_600_000,
                Murmur3Partitioner::token, clockMs::get, false));
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("ringkv-repair-test");
    }

    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The ranges of a balanced ring of {@code nodes} nodes with {@code tokens} vnodes each. */
    static List<TokenRange> ringRanges(int nodes, int tokens) {
        Ring ring = Ring.empty(Math.min(3, nodes));
        for (int node = 1; node <= nodes; node++) {
            ring = ring.withNode(node, TokenAllocator.allocate(ring, node, tokens, 42 + node));
        }
        return ring.ranges();
    }
}
