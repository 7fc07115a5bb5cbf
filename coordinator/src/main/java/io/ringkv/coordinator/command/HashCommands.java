package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
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
        table.add("HSET", -4, List.of("write", "denyoom", "fast"), 1, 1, 1, this::hset);
        table.add("HGET", 3, List.of("readonly", "fast"), 1, 1, 1,
                (c, cmd) -> read(c, cmd, hash -> bulkOrNil(hash == null ? null : hash.get(cmd.arg(2)))));
        table.add("HDEL", -3, List.of("write", "fast"), 1, 1, 1, this::hdel);
        table.add("HGETALL", 2, List.of("readonly"), 1, 1, 1, (c, cmd) -> read(c, cmd, HashCommands::all));
    }

    private CompletionStage<Reply> hset(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() % 2 != 0) {
            throw new CommandException("ERR wrong number of arguments for 'hset' command");
        }
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> pairs = new ArrayList<>(cmd.argCount() - 2);
        for (int i = 2; i < cmd.argCount(); i++) {
            pairs.add(limits.checkValue(cmd.arg(i)));
        }
        long[] added = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            HashEdits.Result result = HashEdits.set(current, pairs, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
            added[0] = result.count();
            return result.delta();
        }).thenApply(written -> Replies.integer(added[0]));
    }

    private CompletionStage<Reply> hdel(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> names = new ArrayList<>(cmd.argCount() - 2);
        for (int i = 2; i < cmd.argCount(); i++) {
            names.add(cmd.arg(i));
        }
        long[] removed = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            HashEdits.Result result = HashEdits.delete(current, names, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
            removed[0] = result.count();
            return result.delta();
        }).thenApply(written -> Replies.integer(removed[0]));
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

    private static Reply bulkOrNil(byte[] value) {
        return value == null ? Replies.nil() : Replies.bulk(value);
    }
}
