package io.ringkv.repair;

import io.ringkv.sharding.TokenRange;
import java.util.List;

/**
 * What one range's repair did. {@code bytesSent} counts every payload byte that crossed the network
 * (hashes, leaf indexes, key/version lists, cells); {@code cellBytes} only the streamed cells, the
 * least any repair must send.
 */
public record RangeRepairResult(TokenRange range, List<Integer> replicas, long keysCompared, long keysRepaired,
        long cellsStreamed, long cellBytes, long bytesSent, long durationMs) {
}
