package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
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
        table.add("SMISMEMBER", -3, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> {
            byte[] key = limits.checkKey(cmd.arg(1));
            List<byte[]> members = cmd.argsFrom(2);
            return kv.read(key, c.readLevel(), members).thenApply(cell -> {
                HashState set = HashEdits.visible(cell, kv.nowMs(), SetType.TAG);
                List<Reply> answers = new ArrayList<>(members.size());
                for (byte[] member : members) {
                    answers.add(Replies.integer(set != null && set.get(member) != null ? 1 : 0));
                }
                return Replies.array(answers);
            });
        });
        table.add("SRANDMEMBER", -2, List.of("readonly"), 1, 1, 1, (c, cmd) -> {
            if (cmd.argCount() > 3) {
                throw new CommandException("ERR syntax error");
            }
            Long count = cmd.argCount() == 3 ? Args.parseLong(cmd.arg(2)) : null;
            int protocol = c.session().protocolVersion();
            return whole(c, cmd).thenApply(set -> HashSampling.randomFields(set, count, false, protocol));
        });
        table.add("SSCAN", -3, List.of("readonly"), 1, 1, 1, (c, cmd) -> {
            HashSampling.ScanRequest scan = HashSampling.ScanRequest.parse(cmd, false);
            return whole(c, cmd).thenApply(set -> HashSampling.scan(set, scan.cursor(), scan.pattern(), scan.count(), true));
        });
        table.add("SPOP", -2, List.of("write", "fast"), 1, 1, 1, this::spop);
        table.add("SMOVE", 4, List.of("write", "fast"), 1, 2, 1, this::smove);
        table.add("SCARD", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> kv.read(limits.checkKey(cmd.arg(1)),
                c.readLevel(), Summary.REQUEST).thenApply(cell -> Replies.integer(HashEdits.count(cell, kv.nowMs(), SetType.TAG))));
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
        }).thenApply(written -> {
            if (added[0] > 0) {
                c.notify(KeyspaceEvents.SET, "sadd", key);
            }
            return Replies.integer(added[0]);
        });
    }

    /**
     * SPOP key [count]: reads the set, removes the members it picked (the adds it read, as SREM
     * does) and answers them. Below STRONG two SPOPs through different nodes at once may pick the
     * same member (the README says so).
     */
    private CompletionStage<Reply> spop(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() > 3) {
            throw new CommandException("ERR syntax error");
        }
        Long count = cmd.argCount() == 3 ? Args.popCount(cmd.arg(2)) : null;
        byte[] key = limits.checkKey(cmd.arg(1));
        long wanted = count == null ? 1 : count;
        java.util.concurrent.atomic.AtomicReference<List<byte[]>> popped = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        boolean[] emptied = new boolean[1];
        CompletionStage<Cell> done = kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            HashState set = HashEdits.visible(current, kv.nowMs(), SetType.TAG);
            if (set == null || wanted == 0) {
                return null;
            }
            List<byte[]> picked = HashSampling.sampleNames(set, wanted);
            popped.set(picked);
            emptied[0] = picked.size() >= set.size();
            return HashEdits.delete(current, picked, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(), SetType.TAG).delta();
        });
        boolean single = count == null;
        return done.thenApply(written -> {
            List<byte[]> picked = popped.get();
            if (!picked.isEmpty()) {
                c.notify(KeyspaceEvents.SET, "spop", key);
                if (emptied[0]) {
                    c.notify(KeyspaceEvents.GENERIC, "del", key);
                }
            }
            if (single) {
                return picked.isEmpty() ? Replies.nil() : Replies.bulk(picked.get(0));
            }
            List<Reply> items = new ArrayList<>(picked.size());
            picked.forEach(member -> items.add(Replies.bulk(member)));
            return Replies.set(items);
        });
    }

    /**
     * SMOVE source destination member: checks the destination's type, removes the member from
     * the source (the add it read), and if it was there adds it to the destination. Two writes,
     * each at the write level: not atomic across the two keys below STRONG (the README says so).
     */
    private CompletionStage<Reply> smove(CommandContext c, RespCommand cmd) {
        byte[] source = limits.checkKey(cmd.arg(1));
        byte[] destination = limits.checkKey(cmd.arg(2));
        byte[] member = limits.checkValue(cmd.arg(3));
        List<byte[]> only = List.of(member);
        long[] moved = new long[1];
        return kv.read(destination, c.readLevel(), only).thenCompose(target -> {
            HashEdits.visible(target, kv.nowMs(), SetType.TAG);
            return kv.update(source, c.readLevel(), c.writeLevel(), only, current -> {
                HashEdits.Result result = HashEdits.delete(current, only, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(),
                        SetType.TAG);
                moved[0] = result.count();
                return result.delta();
            });
        }).thenCompose(removed -> {
            if (moved[0] == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(Replies.integer(0));
            }
            return kv.update(destination, c.readLevel(), c.writeLevel(), only, current -> HashEdits.set(current,
                    List.of(member, PRESENT), new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(), SetType.TAG).delta())
                    .thenCompose(added -> {
                        // Redis's order: srem, del when that emptied the source, then sadd.
                        c.notify(KeyspaceEvents.SET, "srem", source);
                        return StoredValues.notifyDelIfEmptied(c, kv, source).thenApply(x -> {
                            c.notify(KeyspaceEvents.SET, "sadd", destination);
                            return Replies.integer(1);
                        });
                    });
        });
    }

    private CompletionStage<Reply> srem(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> members = cmd.argsFrom(2);
        long[] removed = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), members, current -> {
            HashEdits.Result result = HashEdits.delete(current, members, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs(),
                    SetType.TAG);
            removed[0] = result.count();
            return result.delta();
        }).thenCompose(written -> {
            if (removed[0] == 0) {
                return java.util.concurrent.CompletableFuture.completedFuture(Replies.integer(0));
            }
            c.notify(KeyspaceEvents.SET, "srem", key);
            return StoredValues.notifyDelIfEmptied(c, kv, key).thenApply(x -> Replies.integer(removed[0]));
        });
    }
}
