package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GET, SET and its variants, CAS, MGET, MSET, APPEND, STRLEN, GETDEL, GETSET. */
final class StringCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    StringCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("GET", 2, List.of("readonly", "fast"), 1, 1, 1, this::get);
        table.add("SET", -3, List.of("write"), 1, 1, 1, this::set);
        table.add("SETNX", 3, List.of("write", "fast"), 1, 1, 1, (c, cmd) ->
                set(c, SetOptions.setnx(cmd.arg(1), cmd.arg(2))).thenApply(r -> r == Replies.ok() ? Replies.one() : Replies.zero()));
        table.add("SETEX", 4, List.of("write"), 1, 1, 1, (c, cmd) -> set(c,
                SetOptions.withExpiry(cmd.arg(1), cmd.arg(3), cmd.arg(2), 1000, "setex", kv.nowMs())));
        table.add("PSETEX", 4, List.of("write"), 1, 1, 1, (c, cmd) -> set(c,
                SetOptions.withExpiry(cmd.arg(1), cmd.arg(3), cmd.arg(2), 1, "psetex", kv.nowMs())));
        table.add("GETSET", 3, List.of("write"), 1, 1, 1, (c, cmd) -> set(c, SetOptions.getset(cmd.arg(1), cmd.arg(2))));
        table.add("CAS", 4, List.of("write"), 1, 1, 1, this::compareAndSet);
        table.add("GETDEL", 2, List.of("write"), 1, 1, 1, this::getdel);
        table.add("MGET", -2, List.of("readonly", "fast"), 1, -1, 1, this::mget);
        table.add("MSET", -3, List.of("write"), 1, -1, 2, this::mset);
        table.add("APPEND", 3, List.of("write"), 1, 1, 1, this::append);
        table.add("STRLEN", 2, List.of("readonly", "fast"), 1, 1, 1, this::strlen);
    }

    private CompletionStage<Reply> get(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel()).thenApply(cell -> valueOf(cell));
    }

    private Reply valueOf(Cell cell) {
        byte[] value = StoredValues.stringOf(cell, kv.nowMs());
        return value == null ? Replies.nil() : Replies.bulk(value);
    }

    private CompletionStage<Reply> set(CommandContext c, RespCommand cmd) {
        return set(c, SetOptions.parse(cmd, kv.nowMs()));
    }

    private CompletionStage<Reply> set(CommandContext c, SetOptions options) {
        byte[] key = limits.checkKey(options.key());
        limits.checkValue(options.value());
        if (options.isBlindWrite()) {
            Cell cell = Cell.live(kv.newVersion(), kv.nodeId(), options.value(), options.expiresAtMs());
            return kv.write(key, cell, c.writeLevel()).thenApply(done -> {
                notifySet(c, key, options);
                return Replies.ok();
            });
        }
        Cell[] previous = new Cell[1];
        boolean[] written = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            long now = kv.nowMs();
            Cell live = current != null && current.isLiveAt(now) ? current : null;
            previous[0] = live;
            if (options.returnOld()) {
                StoredValues.requireString(live, now);
            }
            if (options.nx() && live != null || options.xx() && live == null) {
                return current;
            }
            long expiresAt = options.keepTtl() && live != null ? live.expiresAtMs() : options.expiresAtMs();
            written[0] = true;
            return Cell.live(kv.newVersion(), kv.nodeId(), options.value(), expiresAt);
        }).thenApply(cell -> {
            if (written[0]) {
                notifySet(c, key, options);
            }
            if (options.returnOld()) {
                return previous[0] == null ? Replies.nil() : valueOf(previous[0]);
            }
            return written[0] ? Replies.ok() : Replies.nil();
        });
    }

    /** Redis's events for a SET that wrote: set, then expire when it gave the key a new TTL. */
    private static void notifySet(CommandContext c, byte[] key, SetOptions options) {
        c.notify(KeyspaceEvents.STRING, "set", key);
        if (options.expiresAtMs() != Cell.NO_EXPIRY && !options.keepTtl()) {
            c.notify(KeyspaceEvents.GENERIC, "expire", key);
        }
    }

    /**
     * CAS key expected new: sets the key to {@code new} if its live value equals {@code expected}
     * (keeping its TTL, as APPEND does). Answers {@code [1, new]} when it did, else {@code [0, current]}
     * (current is nil for an absent key). Linearizable at STRONG; below it, a read then a write.
     */
    private CompletionStage<Reply> compareAndSet(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        byte[] expected = cmd.arg(2);
        byte[] replacement = cmd.arg(3);
        limits.checkValue(replacement);
        Cell[] seen = new Cell[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            byte[] value = StoredValues.stringOf(current, kv.nowMs());
            Cell live = value == null ? null : Cell.live(current.hlc(), current.nodeId(), value, current.expiresAtMs());
            seen[0] = live;
            if (live == null || !java.util.Arrays.equals(live.value(), expected)) {
                return current;
            }
            return Cell.live(kv.newVersion(), kv.nodeId(), replacement, live.expiresAtMs());
        }).thenApply(cell -> {
            boolean applied = seen[0] != null && java.util.Arrays.equals(seen[0].value(), expected);
            if (applied) {
                c.notify(KeyspaceEvents.STRING, "set", key);
            }
            return applied ? Replies.array(List.of(Replies.one(), Replies.bulk(replacement)))
                    : Replies.array(List.of(Replies.zero(), seen[0] == null ? Replies.nil() : Replies.bulk(seen[0].value())));
        });
    }

    private CompletionStage<Reply> getdel(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        Cell[] previous = new Cell[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            if (current == null || !current.isLiveAt(kv.nowMs())) {
                return current;
            }
            StoredValues.requireString(current, kv.nowMs());
            previous[0] = current;
            return Cell.tombstone(kv.newVersion(), kv.nodeId());
        }).thenApply(cell -> {
            if (previous[0] == null) {
                return Replies.nil();
            }
            c.notify(KeyspaceEvents.GENERIC, "del", key);
            return valueOf(previous[0]);
        });
    }

    private CompletionStage<Reply> mget(CommandContext c, RespCommand cmd) {
        List<CompletableFuture<Cell>> reads = new ArrayList<>(cmd.argCount() - 1);
        for (int i = 1; i < cmd.argCount(); i++) {
            reads.add(kv.read(limits.checkKey(cmd.arg(i)), c.readLevel()));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Reply> values = new ArrayList<>(reads.size());
            for (CompletableFuture<Cell> read : reads) {
                byte[] value = StoredValues.stringOrNull(read.join(), kv.nowMs());
                values.add(value == null ? Replies.nil() : Replies.bulk(value));
            }
            return Replies.array(values);
        });
    }

    private CompletionStage<Reply> mset(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() % 2 != 1) {
            throw new CommandException("ERR wrong number of arguments for 'mset' command");
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i += 2) {
            byte[] key = limits.checkKey(cmd.arg(i));
            limits.checkValue(cmd.arg(i + 1));
        }
        for (int i = 1; i < cmd.argCount(); i += 2) {
            Cell cell = Cell.live(kv.newVersion(), kv.nodeId(), cmd.arg(i + 1), Cell.NO_EXPIRY);
            writes.add(kv.write(cmd.arg(i), cell, c.writeLevel()));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            for (int i = 1; i < cmd.argCount(); i += 2) {
                c.notify(KeyspaceEvents.STRING, "set", cmd.arg(i));
            }
            return Replies.ok();
        });
    }

    private CompletionStage<Reply> append(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        byte[] suffix = cmd.arg(2);
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            byte[] value = StoredValues.stringOf(current, kv.nowMs());
            boolean live = value != null;
            byte[] base = live ? value : new byte[0];
            limits.checkValueLength((long) base.length + suffix.length);
            byte[] joined = new byte[base.length + suffix.length];
            System.arraycopy(base, 0, joined, 0, base.length);
            System.arraycopy(suffix, 0, joined, base.length, suffix.length);
            // APPEND keeps the key's TTL, as in Redis.
            long expiresAt = live ? current.expiresAtMs() : Cell.NO_EXPIRY;
            return Cell.live(kv.newVersion(), kv.nodeId(), joined, expiresAt);
        }).thenApply(cell -> {
            c.notify(KeyspaceEvents.STRING, "append", key);
            return Replies.integer(cell.value().length);
        });
    }

    private CompletionStage<Reply> strlen(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel()).thenApply(cell -> {
            byte[] value = StoredValues.stringOf(cell, kv.nowMs());
            return Replies.integer(value == null ? 0 : value.length);
        });
    }
}
