package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.set.SetType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SINTER, SUNION, SDIFF, SINTERCARD and the *STORE forms, over keys on any shards: each key is read
 * at the read level through the normal path (no CROSSSLOT, no hash tags), the answer is computed
 * here, and a *STORE writes its result as one new value of the destination at the write level. The
 * reads are not one snapshot across keys below STRONG (the README says so).
 */
final class SetAlgebra {
    private enum Operation { INTER, UNION, DIFF }

    private static final byte[] PRESENT = new byte[0];

    private final KeyValueService kv;
    private final ValueLimits limits;

    SetAlgebra(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("SINTER", -2, List.of("readonly"), 1, -1, 1, (c, cmd) -> compute(c, cmd, 1, Operation.INTER).thenApply(SetAlgebra::reply));
        table.add("SUNION", -2, List.of("readonly"), 1, -1, 1, (c, cmd) -> compute(c, cmd, 1, Operation.UNION).thenApply(SetAlgebra::reply));
        table.add("SDIFF", -2, List.of("readonly"), 1, -1, 1, (c, cmd) -> compute(c, cmd, 1, Operation.DIFF).thenApply(SetAlgebra::reply));
        table.add("SINTERSTORE", -3, List.of("write", "denyoom"), 1, -1, 1, (c, cmd) -> store(c, cmd, Operation.INTER));
        table.add("SUNIONSTORE", -3, List.of("write", "denyoom"), 1, -1, 1, (c, cmd) -> store(c, cmd, Operation.UNION));
        table.add("SDIFFSTORE", -3, List.of("write", "denyoom"), 1, -1, 1, (c, cmd) -> store(c, cmd, Operation.DIFF));
        table.add("SINTERCARD", -3, List.of("readonly"), 2, -1, 1, this::sintercard);
    }

    private static Reply reply(Set<ByteBuffer> members) {
        List<Reply> items = new ArrayList<>(members.size());
        members.forEach(member -> items.add(Replies.bulk(bytes(member))));
        return Replies.set(items);
    }

    private static byte[] bytes(ByteBuffer member) {
        byte[] out = new byte[member.remaining()];
        member.duplicate().get(out);
        return out;
    }

    /** Reads the sets named from argument {@code first} to {@code last} (exclusive) and combines them. */
    private CompletionStage<Set<ByteBuffer>> compute(CommandContext c, RespCommand cmd, int first, Operation operation) {
        return compute(c, cmd, first, cmd.argCount(), operation);
    }

    private CompletionStage<Set<ByteBuffer>> compute(CommandContext c, RespCommand cmd, int first, int last, Operation operation) {
        List<CompletableFuture<Cell>> reads = new ArrayList<>();
        for (int i = first; i < last; i++) {
            reads.add(kv.read(limits.checkKey(cmd.arg(i)), c.readLevel()));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Set<ByteBuffer>> sets = new ArrayList<>();
            for (CompletableFuture<Cell> read : reads) {
                HashState set = HashEdits.visible(read.join(), kv.nowMs(), SetType.TAG);
                Set<ByteBuffer> members = new LinkedHashSet<>();
                if (set != null) {
                    set.forEachLive((member, value) -> members.add(ByteBuffer.wrap(member)));
                }
                sets.add(members);
            }
            Set<ByteBuffer> result = new LinkedHashSet<>(sets.get(0));
            for (Set<ByteBuffer> other : sets.subList(1, sets.size())) {
                switch (operation) {
                    case INTER -> result.retainAll(other);
                    case UNION -> result.addAll(other);
                    case DIFF -> result.removeAll(other);
                }
            }
            return result;
        });
    }

    /** SINTERSTORE destination key [key ...] (and the others): replaces the destination, answers its size. */
    private CompletionStage<Reply> store(CommandContext c, RespCommand cmd, Operation operation) {
        byte[] destination = limits.checkKey(cmd.arg(1));
        return compute(c, cmd, 2, operation).thenCompose(members -> {
            Dot replaced = new Dot(kv.newVersion(), kv.nodeId());
            Cell value;
            if (members.isEmpty()) {
                value = Cell.tombstone(replaced.hlc(), replaced.node());
            } else {
                List<byte[]> pairs = new ArrayList<>(members.size() * 2);
                members.forEach(member -> {
                    pairs.add(bytes(member));
                    pairs.add(PRESENT);
                });
                value = HashEdits.replacing(pairs, replaced, new Dot(kv.newVersion(), kv.nodeId()), SetType.TAG);
            }
            return StoredValues.store(c, kv, destination, value, members.size(), KeyspaceEvents.SET,
                    "s" + operation.name().toLowerCase(java.util.Locale.ROOT) + "store");
        });
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
    private CompletionStage<Reply> sintercard(CommandContext c, RespCommand cmd) {
        Long numKeys = Args.tryParseLong(cmd.arg(1));
        if (numKeys == null || numKeys <= 0) {
            throw new CommandException("ERR numkeys should be greater than 0");
        }
        if (numKeys > cmd.argCount() - 2) {
            throw new CommandException("ERR Number of keys can't be greater than number of args");
        }
        int last = 2 + numKeys.intValue();
        long limit = 0;
        for (int i = last; i < cmd.argCount(); i++) {
            if (Args.is(cmd.arg(i), "LIMIT") && i + 1 < cmd.argCount()) {
                Long parsed = Args.tryParseLong(cmd.arg(++i));
                if (parsed == null || parsed < 0) {
                    throw new CommandException("ERR LIMIT can't be negative");
                }
                limit = parsed;
            } else {
                throw new CommandException("ERR syntax error");
            }
        }
        long cap = limit;
        return compute(c, cmd, 2, last, Operation.INTER)
                .thenApply(members -> Replies.integer(cap == 0 ? members.size() : Math.min(cap, members.size())));
    }
}
