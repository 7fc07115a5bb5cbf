package io.ringkv.repair;

/** A replica's tree for one range, in brief: its depth and root hash. */
public record TreeInfo(int depth, long root) {
}
