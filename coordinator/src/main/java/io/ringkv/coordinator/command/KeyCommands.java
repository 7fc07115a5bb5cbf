package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * DEL, EXISTS, TOUCH, TYPE and the TTL family: EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL,
 * EXPIRETIME, PEXPIRETIME, PERSIST. The reads ship a summary of a collection, not its parts.
 */
final class KeyCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    KeyCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("DEL", -2, List.of("write"), 1, -1, 1, this::del);
        table.add("UNLINK", -2, List.of("write", "fast"), 1, -1, 1, this::del);
        table.add("EXISTS", -2, List.of("readonly", "fast"), 1, -1, 1, this::exists);
        table.add("TYPE", 2, List.of("readonly", "fast"), 1, 1, 1, this::type);
        table.add("EXPIRE", -3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> expire(c, cmd, 1000, false, "expire"));
        table.add("PEXPIRE", -3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> expire(c, cmd, 1, false, "pexpire"));
        table.add("EXPIREAT", -3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> expire(c, cmd, 1000, true, "expireat"));
        table.add("PEXPIREAT", -3, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> expire(c, cmd, 1, true, "pexpireat"));
        table.add("TTL", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> ttl(c, cmd, 1000));
        table.add("PTTL", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> ttl(c, cmd, 1));
        table.add("PERSIST", 2, List.of("write", "fast"), 1, 1, 1, this::persist);
        table.add("TOUCH", -2, List.of("readonly", "fast"), 1, -1, 1, this::exists);
        table.add("EXPIRETIME", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> expireTime(c, cmd, 1000));
        table.add("PEXPIRETIME", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> expireTime(c, cmd, 1));
    }

    private boolean isLive(Cell cell) {
        return cell != null && cell.isLiveAt(kv.nowMs());
    }

    private CompletionStage<Reply> del(CommandContext c, RespCommand cmd) {
        List<CompletableFuture<Boolean>> deletes = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i++) {
            deletes.add(deleteOne(c, limits.checkKey(cmd.arg(i))));
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            long existed = 0;
            for (int i = 0; i < deletes.size(); i++) {
                if (deletes.get(i).join()) {
                    existed++;
                    c.notify(KeyspaceEvents.GENERIC, "del", cmd.arg(i + 1));
                }
            }
            return Replies.integer(existed);
        });
    }

    /** Completes true when the key held a live value. A tombstone is written either way, so a
     * replica that still holds the value (missed by this read) loses it too. */
    private CompletableFuture<Boolean> deleteOne(CommandContext c, byte[] key) {
        boolean[] existed = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            existed[0] = isLive(current);
            if (current != null && current.isTombstone()) {
                return current;
            }
            return Cell.tombstone(kv.newVersion(), kv.nodeId());
        }).thenApply(cell -> existed[0]);
    }

    private CompletionStage<Reply> exists(CommandContext c, RespCommand cmd) {
        List<CompletableFuture<Cell>> reads = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i++) {
            reads.add(kv.read(limits.checkKey(cmd.arg(i)), c.readLevel(), Summary.REQUEST));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done ->
                Replies.integer(reads.stream().filter(r -> isLive(r.join())).count()));
    }

    private CompletionStage<Reply> type(CommandContext c, RespCommand cmd) {
        return kv.read(limits.checkKey(cmd.arg(1)), c.readLevel(), Summary.REQUEST)
                .thenApply(cell -> Replies.simple(isLive(cell) ? Summary.typeName(cell) : "none"));
    }

    private CompletionStage<Reply> expire(CommandContext c, RespCommand cmd, long unitMs, boolean absolute,
                                          String name) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long amount = Args.parseLong(cmd.arg(2));
        ExpireCondition condition = ExpireCondition.parse(cmd, 3);
        long now = kv.nowMs();
        if (Math.abs(amount) > Long.MAX_VALUE / unitMs / 2) {
            throw SetOptions.invalidExpire(name);
        }
        long expiresAt = absolute ? amount * unitMs : now + amount * unitMs;
        boolean[] changed = new boolean[1];
        boolean[] deleted = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            changed[0] = false;
            if (!isLive(current) || !condition.allows(current, expiresAt)) {
                return current;
            }
            changed[0] = true;
            deleted[0] = expiresAt <= kv.nowMs();
            if (deleted[0]) {
                // An expiry in the past deletes the key, as in Redis.
                return Cell.tombstone(kv.newVersion(), kv.nodeId());
            }
            return ValueTypes.withExpiry(current, kv.newVersion(), kv.nodeId(), expiresAt);
        }).thenApply(cell -> {
            if (changed[0]) {
                c.notify(KeyspaceEvents.GENERIC, deleted[0] ? "del" : "expire", key);
            }
            return changed[0] ? Replies.one() : Replies.zero();
        });
    }

    private CompletionStage<Reply> ttl(CommandContext c, RespCommand cmd, long unitMs) {
        return kv.read(limits.checkKey(cmd.arg(1)), c.readLevel(), Summary.REQUEST).thenApply(cell -> {
            long now = kv.nowMs();
            if (!isLive(cell)) {
                return Replies.integer(-2);
            }
            if (!cell.hasExpiry()) {
                return Replies.integer(-1);
            }
            long remainingMs = cell.expiresAtMs() - now;
            return Replies.integer(unitMs == 1 ? remainingMs : (remainingMs + 500) / 1000);
        });
    }

    /** EXPIRETIME and PEXPIRETIME: the absolute expiry in the unit, -1 without one, -2 without the key. */
    private CompletionStage<Reply> expireTime(CommandContext c, RespCommand cmd, long unitMs) {
        return kv.read(limits.checkKey(cmd.arg(1)), c.readLevel(), Summary.REQUEST).thenApply(cell -> {
            if (!isLive(cell)) {
                return Replies.integer(-2);
            }
            return Replies.integer(cell.hasExpiry() ? cell.expiresAtMs() / unitMs : -1);
        });
    }

    private CompletionStage<Reply> persist(CommandContext c, RespCommand cmd) {
        boolean[] changed = new boolean[1];
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            changed[0] = false;
            if (!isLive(current) || !current.hasExpiry()) {
                return current;
            }
            changed[0] = true;
            return ValueTypes.withExpiry(current, kv.newVersion(), kv.nodeId(), Cell.NO_EXPIRY);
        }).thenApply(cell -> {
            if (changed[0]) {
                c.notify(KeyspaceEvents.GENERIC, "persist", key);
            }
            return changed[0] ? Replies.one() : Replies.zero();
        });
    }

    /** EXPIRE's NX | XX | GT | LT option (Redis 7). */
    private enum ExpireCondition {
        ALWAYS, NX, XX, GT, LT, LT_XX;

        /** Redis 7 reads every option word first, then refuses the combinations that contradict. */
        static ExpireCondition parse(RespCommand cmd, int index) {
            java.util.EnumSet<ExpireCondition> given = java.util.EnumSet.noneOf(ExpireCondition.class);
            for (int i = index; i < cmd.argCount(); i++) {
                byte[] word = cmd.arg(i);
                ExpireCondition condition = java.util.stream.Stream.of(NX, XX, GT, LT)
                        .filter(c -> Args.is(word, c.name())).findFirst()
                        .orElseThrow(() -> new CommandException("ERR Unsupported option " + Args.text(word)));
                given.add(condition);
            }
            if (given.contains(NX) && given.size() > 1) {
                throw new CommandException("ERR NX and XX, GT or LT options at the same time are not compatible");
            }
            if (given.contains(GT) && given.contains(LT)) {
                throw new CommandException("ERR GT and LT options at the same time are not compatible");
            }
            // XX combines with GT or LT: both must hold, and GT and LT already imply an expiry is set
            // (GT) or treat none as infinite (LT), so the stricter one decides.
            if (given.contains(GT)) {
                return GT;
            }
            if (given.contains(LT)) {
                return given.contains(XX) ? LT_XX : LT;
            }
            return given.isEmpty() ? ALWAYS : given.iterator().next();
        }

        boolean allows(Cell current, long newExpiresAt) {
            // A key without expiry counts as an infinite TTL for GT and LT, as in Redis.
            return switch (this) {
                case ALWAYS -> true;
                case NX -> !current.hasExpiry();
                case XX -> current.hasExpiry();
                case GT -> current.hasExpiry() && newExpiresAt > current.expiresAtMs();
                case LT -> !current.hasExpiry() || newExpiresAt < current.expiresAtMs();
                case LT_XX -> current.hasExpiry() && newExpiresAt < current.expiresAtMs();
            };
        }
    }
}
