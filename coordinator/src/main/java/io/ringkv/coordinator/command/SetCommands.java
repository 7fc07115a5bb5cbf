package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.set.SetType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Set commands. A set is held as a hash whose fields are its members ({@link SetType}), so a write
 * reads the members it touches at the read level (a projection) and writes only its delta, and an
 * SREM removes only the adds it read: an SADD concurrent with it wins.
 */
final class SetCommands {
    private static final byte[] PRESENT = new byte[0];

    private final KeyValueService kv;
    private final ValueLimits limits;

    SetCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("SADD", -3, List.of("write", "denyoom", "fast"), 1, 1, 1, this::sadd);
        table.add("SREM", -3, List.of("write", "fast"), 1, 1, 1, this::srem);
        table.add("SISMEMBER", 3, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> {
            byte[] key = limits.checkKey(cmd.arg(1));
            return kv.read(key, c.readLevel(), List.of(cmd.arg(2))).thenApply(cell -> {
                HashState set = HashEdits.visible(cell, kv.nowMs(), SetType.TAG);
                return Replies.integer(set != null && set.get(cmd.arg(2)) != null ? 1 : 0);
            });
        });
        table.add("SCARD", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> whole(c, cmd).thenApply(set ->
                Replies.integer(set == null ? 0 : set.size())));
        table.add("SMEMBERS", 2, List.of("readonly"), 1, 1, 1, (c, cmd) -> whole(c, cmd).thenApply(set -> {
            List<Reply> members = new ArrayList<>(set == null ? 0 : set.size());
            if (set != null) {
                set.forEachLive((member, value) -> members.add(Replies.bulk(member)));
            }
            return Replies.set(members);
        }));
    }

    private CompletionStage<HashState> whole(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel()).thenApply(cell -> HashEdits.visible(cell, kv.nowMs(), SetType.TAG));
    }

    private CompletionStage<Reply> sadd(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> members = new ArrayList<>();
        List<byte[]> pairs = new ArrayList<>();
        for (int i = 2; i < cmd.argCount(); i++) {
            members.add(limits.checkValue(cmd.arg(i)));
            pairs.add(cmd.arg(i));
            pairs.add(PRESENT);
        }
        long[] added = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), members, current -> {
            HashEdits.Result result = HashEdits.set(current, pairs, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(),
                    SetType.TAG);
            added[0] = result.count();
            return result.delta();
        }).thenApply(written -> Replies.integer(added[0]));
    }

    private CompletionStage<Reply> srem(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> members = new ArrayList<>();
        for (int i = 2; i < cmd.argCount(); i++) {
            members.add(cmd.arg(i));
        }
        long[] removed = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), members, current -> {
            HashEdits.Result result = HashEdits.delete(current, members, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(),
                    SetType.TAG);
            removed[0] = result.count();
            return result.delta();
        }).thenApply(written -> Replies.integer(removed[0]));
    }
}
