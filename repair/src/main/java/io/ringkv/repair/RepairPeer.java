package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One replica as a repair session sees it. The node running the session talks to itself through
 * {@link LocalRepairPeer} and to the others through the internode transport (gRPC in production),
 * so the session logic is the same, and testable, either way.
 */
public interface RepairPeer {
    int nodeId();

    /** True when calls cost no network traffic (the session's own node): not counted as bytes sent. */
    boolean isLocal();

    /** Bytes sent to and received from this replica so far (0 for the local one): what a session reports as sent. */
    long bytesTransferred();

    CompletableFuture<TreeInfo> tree(TokenRange range);

    /** Hashes of nodes {@code indexes} at {@code level} of the range's tree, in the same order. */
    CompletableFuture<long[]> nodes(TokenRange range, int level, int[] indexes);

    /** Versions of every key (tombstones included) in leaves {@code leaves} of the tree cut at {@code depth}. */
    CompletableFuture<List<KeyVersion>> versions(TokenRange range, int depth, int[] leaves);

    /** The stored cells of {@code keys}; keys not held are left out. */
    CompletableFuture<List<StoredCell>> cells(List<byte[]> keys);

    /** Merges {@code cells} into the replica by last-write-wins. */
    CompletableFuture<Void> apply(List<StoredCell> cells);
}
