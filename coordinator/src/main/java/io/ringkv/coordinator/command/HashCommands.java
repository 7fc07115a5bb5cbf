package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.hash.HashType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Hash commands. A write reads the key at the read level (for WRONGTYPE, for its reply, and for
 * the field versions an HDEL removes), then writes only its delta at the write level; replicas
 * merge it field by field ({@link HashState}). Reads find the fields in the merged hash.
 */
final class HashCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    HashCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("HSET", -4, List.of("write", "denyoom", "fast"), 1, 1, 1,
                (c, cmd) -> set(c, cmd, "hset", false).thenApply(Replies::integer));
        table.add("HMSET", -4, List.of("write", "denyoom", "fast"), 1, 1, 1,
                (c, cmd) -> set(c, cmd, "hmset", false).thenApply(added -> Replies.ok()));
        table.add("HSETNX", 4, List.of("write", "denyoom", "fast"), 1, 1, 1,
                (c, cmd) -> set(c, cmd, "hsetnx", true).thenApply(Replies::integer));
        table.add("HGET", 3, List.of("readonly", "fast"), 1, 1, 1,
                (c, cmd) -> readFields(c, cmd, 2, hash -> Replies.bulkOrNil(hash == null ? null : hash.get(cmd.arg(2)))));
        table.add("HMGET", -3, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> readFields(c, cmd, 2, hash -> {
            List<Reply> values = new ArrayList<>(cmd.argCount() - 2);
            for (int i = 2; i < cmd.argCount(); i++) {
                values.add(Replies.bulkOrNil(hash == null ? null : hash.get(cmd.arg(i))));
            }
            return Replies.array(values);
        }));
        table.add("HEXISTS", 3, List.of("readonly", "fast"), 1, 1, 1,
                (c, cmd) -> readFields(c, cmd, 2, hash -> Replies.integer(hash != null && hash.get(cmd.arg(2)) != null ? 1 : 0)));
        table.add("HSTRLEN", 3, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> readFields(c, cmd, 2, hash -> {
            byte[] value = hash == null ? null : hash.get(cmd.arg(2));
            return Replies.integer(value == null ? 0 : value.length);
        }));
        table.add("HLEN", 2, List.of("readonly", "fast"), 1, 1, 1,
                (c, cmd) -> kv.read(limits.checkKey(cmd.arg(1)), c.readLevel(), Summary.REQUEST)
                        .thenApply(cell -> Replies.integer(HashEdits.count(cell, kv.nowMs(), HashType.TAG))));
        table.add("HDEL", -3, List.of("write", "fast"), 1, 1, 1, this::hdel);
        table.add("HGETALL", 2, List.of("readonly"), 1, 1, 1, (c, cmd) -> read(c, cmd, HashCommands::all));
        table.add("HKEYS", 2, List.of("readonly"), 1, 1, 1, (c, cmd) -> read(c, cmd, hash -> column(hash, true)));
        table.add("HVALS", 2, List.of("readonly"), 1, 1, 1, (c, cmd) -> read(c, cmd, hash -> column(hash, false)));
        table.add("HINCRBY", 4, List.of("write", "denyoom", "fast"), 1, 1, 1, this::hincrby);
        table.add("HINCRBYFLOAT", 4, List.of("write", "denyoom", "fast"), 1, 1, 1, this::hincrbyfloat);
        table.add("HRANDFIELD", -2, List.of("readonly"), 1, 1, 1, this::hrandfield);
        table.add("HSCAN", -3, List.of("readonly"), 1, 1, 1, this::hscan);
    }

    /** HSET, HMSET, HSETNX (which sets only an absent field): completes with the count of fields added. */
    private CompletionStage<Long> set(CommandContext c, RespCommand cmd, String name, boolean onlyIfAbsent) {
        if (cmd.argCount() % 2 != 0) {
            throw new CommandException("ERR wrong number of arguments for '" + name + "' command");
        }
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> pairs = new ArrayList<>(cmd.argCount() - 2);
        for (int i = 2; i < cmd.argCount(); i++) {
            pairs.add(limits.checkValue(cmd.arg(i)));
        }
        long[] added = new long[1];
        boolean[] written = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), everyOther(pairs), current -> {
            written[0] = false;
            if (onlyIfAbsent) {
                HashState seen = HashEdits.visible(current, kv.nowMs());
                if (seen != null && seen.get(pairs.get(0)) != null) {
                    return null;
                }
            }
            HashEdits.Result result = HashEdits.set(current, pairs, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
            added[0] = result.count();
            written[0] = true;
            return result.delta();
        }).thenApply(cell -> {
            if (written[0]) {
                c.notify(KeyspaceEvents.HASH, "hset", key);
            }
            return added[0];
        });
    }

    /**
     * HINCRBY: a counter delta, exact at every level as INCRBY is ({@link KeyValueService#increment}):
     * one live replica applies it to its own share of the field's counter.
     */
    private CompletionStage<Reply> hincrby(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        byte[] field = limits.checkValue(cmd.arg(2));
        long by = Args.parseLong(cmd.arg(3));
        return kv.increment(key, field, by, c.readLevel(), c.writeLevel()).thenApply(value -> {
            c.notify(KeyspaceEvents.HASH, "hincrby", key);
            return Replies.integer(value);
        });
    }

    /**
     * HINCRBYFLOAT: a counter delta like HINCRBY, by a decimal (exact decimal arithmetic, as
     * INCRBYFLOAT), so concurrent ones through different nodes add up.
     */
    private CompletionStage<Reply> hincrbyfloat(CommandContext c, RespCommand cmd) {
        java.math.BigDecimal by = FloatArgs.parseIncrement(cmd.arg(3), "ERR value is NaN or Infinity");
        byte[] key = limits.checkKey(cmd.arg(1));
        byte[] field = limits.checkValue(cmd.arg(2));
        return kv.applyIncrement(key, field, 0, by, c.readLevel(), c.writeLevel()).thenApply(result -> {
            c.notify(KeyspaceEvents.HASH, "hincrbyfloat", key);
            return Replies.bulk(result.text());
        });
    }

    /** HRANDFIELD key [count [WITHVALUES]], with Redis's meaning of a negative count (repeats allowed). */
    private CompletionStage<Reply> hrandfield(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() > 4 || cmd.argCount() == 4 && !Args.is(cmd.arg(3), "WITHVALUES")) {
            throw new CommandException("ERR syntax error");
        }
        Long count = cmd.argCount() >= 3 ? Args.parseLong(cmd.arg(2)) : null;
        boolean withValues = cmd.argCount() == 4;
        if (count != null && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw new CommandException("ERR value is out of range");
        }
        int protocol = c.session().protocolVersion();
        return read(c, cmd, hash -> HashSampling.randomFields(hash, count, withValues, protocol));
    }

    /** HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]. */
    private CompletionStage<Reply> hscan(CommandContext c, RespCommand cmd) {
        HashSampling.ScanRequest scan = HashSampling.ScanRequest.parse(cmd, true);
        return read(c, cmd, hash -> HashSampling.scan(hash, scan.cursor(), scan.pattern(), scan.count(), scan.noValues()));
    }

    private CompletionStage<Reply> hdel(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> names = cmd.argsFrom(2);
        long[] removed = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), names, current -> {
            HashEdits.Result result = HashEdits.delete(current, names, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
            removed[0] = result.count();
            return result.delta();
        }).thenCompose(written -> {
            if (removed[0] == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(Replies.integer(0));
            }
            c.notify(KeyspaceEvents.HASH, "hdel", key);
            return StoredValues.notifyDelIfEmptied(c, kv, key).thenApply(x -> Replies.integer(removed[0]));
        });
    }

    /**
     * Reads only the fields named from argument {@code first} on (a projection: a replica ships
     * those fields, not the hash) and answers from them.
     */
    private CompletionStage<Reply> readFields(CommandContext c, RespCommand cmd, int first, Function<HashState, Reply> answer) {
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel(), cmd.argsFrom(first)).thenApply(cell -> answer.apply(HashEdits.visible(cell, kv.nowMs())));
    }

    /** The field names of name, value pairs. */
    private static List<byte[]> everyOther(List<byte[]> pairs) {
        List<byte[]> names = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            names.add(pairs.get(i));
        }
        return names;
    }

    /** Reads the key at the read level and answers from the hash it holds (null when none). */
    private CompletionStage<Reply> read(CommandContext c, RespCommand cmd, Function<HashState, Reply> answer) {
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel()).thenApply(cell -> answer.apply(HashEdits.visible(cell, kv.nowMs())));
    }

    private static Reply all(HashState hash) {
        List<Reply> pairs = new ArrayList<>(hash == null ? 0 : hash.size() * 2);
        if (hash != null) {
            hash.forEachLive((name, value) -> {
                pairs.add(Replies.bulk(name));
                pairs.add(Replies.bulk(value));
            });
        }
        return Replies.pairs(pairs);
    }

    private static Reply column(HashState hash, boolean names) {
        List<Reply> items = new ArrayList<>(hash == null ? 0 : hash.size());
        if (hash != null) {
            hash.forEachLive((name, value) -> items.add(Replies.bulk(names ? name : value)));
        }
        return Replies.array(items);
    }
}
