package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * INCR, INCRBY, DECR, DECRBY: a read-modify-write of a decimal string. Exact on one node; below
 * STRONG in a cluster, concurrent increments at different coordinators can overwrite each other.
 */
final class CounterCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    CounterCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("INCR", 2, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> add(c, cmd.arg(1), 1));
        table.add("DECR", 2, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> add(c, cmd.arg(1), -1));
        table.add("INCRBY", 3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> add(c, cmd.arg(1), Args.parseLong(cmd.arg(2))));
        table.add("DECRBY", 3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> {
            long by = Args.parseLong(cmd.arg(2));
            if (by == Long.MIN_VALUE) {
                throw new CommandException("ERR decrement would overflow");
            }
            return add(c, cmd.arg(1), -by);
        });
    }

    private CompletionStage<Reply> add(CommandContext c, byte[] keyArg, long delta) {
        byte[] key = limits.checkKey(keyArg);
        long[] result = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            boolean live = current != null && current.isLiveAt(kv.nowMs());
            long base = live ? Args.parseLong(current.value()) : 0;
            long sum = base + delta;
            if (((base ^ sum) & (delta ^ sum)) < 0) {
                throw new CommandException("ERR increment or decrement would overflow");
            }
            result[0] = sum;
            // INCR keeps the key's TTL, as in Redis.
            long expiresAt = live ? current.expiresAtMs() : Cell.NO_EXPIRY;
            return Cell.live(kv.newVersion(), kv.nodeId(), Args.bytes(sum), expiresAt);
        }).thenApply(cell -> Replies.integer(result[0]));
    }
}
