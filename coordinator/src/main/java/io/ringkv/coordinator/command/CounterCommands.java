package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * INCR, INCRBY, DECR, DECRBY: counter deltas, exact at every level ({@link KeyValueService#increment}).
 * INCRBYFLOAT stays a read-modify-write of a decimal string, as in Redis a float is a string: below
 * STRONG, concurrent INCRBYFLOATs through different nodes can overwrite each other (the README
 * says so).
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
        table.add("INCRBYFLOAT", 3, List.of("write", "fast"), 1, 1, 1, this::incrByFloat);
    }

    private CompletionStage<Reply> add(CommandContext c, byte[] keyArg, long delta) {
        byte[] key = limits.checkKey(keyArg);
        return kv.increment(key, delta, c.readLevel(), c.writeLevel()).thenApply(value -> {
            c.notify(KeyspaceEvents.STRING, "incrby", key);
            return Replies.integer(value);
        });
    }

    private CompletionStage<Reply> incrByFloat(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        BigDecimal by = FloatArgs.parseIncrement(cmd.arg(2));
        String[] result = new String[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            byte[] value = StoredValues.stringOf(current, kv.nowMs());
            BigDecimal base = value == null ? BigDecimal.ZERO : FloatArgs.parseIncrement(value);
            result[0] = FloatArgs.format(base.add(by));
            // INCRBYFLOAT keeps the key's TTL, as in Redis.
            long expiresAt = StoredValues.expiryKept(current, kv.nowMs());
            return Cell.live(kv.newVersion(), kv.nodeId(), result[0].getBytes(StandardCharsets.US_ASCII), expiresAt);
        }).thenApply(cell -> {
            c.notify(KeyspaceEvents.STRING, "incrbyfloat", key);
            return Replies.bulk(result[0]);
        });
    }
}
