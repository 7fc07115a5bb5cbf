package io.ringkv.cli.repair;

import io.ringkv.sharding.TokenRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The token ranges one repair run walks through, in order: either every range the server lists
 * for {@code REPAIR RANGES} (one {@code <start> <end>} line each) or a single range the user named.
 */
public record RepairPlan(List<TokenRange> ranges) {

    public RepairPlan {
        ranges = List.copyOf(ranges);
    }

    public static RepairPlan single(TokenRange range) {
        return new RepairPlan(List.of(range));
    }

    /** Parses the lines of a {@code REPAIR RANGES} reply; a line that is not two tokens is an error. */
    public static RepairPlan fromRangesReply(List<String> lines) {
        List<TokenRange> ranges = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] ends = line.trim().split("\\s+");
            if (ends.length != 2) {
                throw new IllegalArgumentException("expected '<start> <end>' in the REPAIR RANGES reply, got '" + line + "'");
            }
            ranges.add(range(ends[0], ends[1]));
        }
        return new RepairPlan(ranges);
    }

    /** A range from two token arguments as the user or the server wrote them (signed 64-bit). */
    public static TokenRange range(String start, String end) {
        try {
            return new TokenRange(Long.parseLong(start), Long.parseLong(end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tokens are signed 64-bit integers, got '" + start + "' and '" + end + "'");
        }
    }
}
