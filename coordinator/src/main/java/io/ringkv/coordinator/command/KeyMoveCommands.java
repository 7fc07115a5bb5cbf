package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RENAME, RENAMENX and COPY, across shards: the source is read whole at the read level and written
 * to the destination as one value of its type with its TTL (replacing what the destination held),
 * then, for a rename, the source is deleted. Below STRONG these are separate writes, not one atomic
 * step: a reader between them sees the value under both names, and a failure after the first
 * leaves it under both (never under neither). The README says so.
 */
final class KeyMoveCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    KeyMoveCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("RENAME", 3, List.of("write"), 1, 2, 1, (c, cmd) -> rename(c, cmd, false));
        table.add("RENAMENX", 3, List.of("write", "fast"), 1, 2, 1, (c, cmd) -> rename(c, cmd, true));
        table.add("COPY", -3, List.of("write", "denyoom"), 1, 2, 1, this::copy);
    }

    private CompletionStage<Reply> rename(CommandContext c, RespCommand cmd, boolean onlyIfAbsent) {
        byte[] source = limits.checkKey(cmd.arg(1));
        byte[] destination = limits.checkKey(cmd.arg(2));
        return kv.read(source, c.readLevel()).thenCompose(cell -> {
            if (!StoredValues.isLive(cell, kv.nowMs())) {
                throw new CommandException("ERR no such key");
            }
            if (Arrays.equals(source, destination)) {
                return Replies.done(onlyIfAbsent ? Replies.zero() : Replies.ok());
            }
            return copyTo(c, cell, destination, onlyIfAbsent).thenCompose(copied -> {
                if (!copied) {
                    return Replies.done(Replies.zero());
                }
                Cell tombstone = Cell.tombstone(kv.newVersion(), kv.nodeId());
                return kv.write(source, tombstone, c.writeLevel()).thenApply(deleted -> {
                    c.notify(KeyspaceEvents.GENERIC, "rename_from", source);
                    c.notify(KeyspaceEvents.GENERIC, "rename_to", destination);
                    return onlyIfAbsent ? Replies.one() : Replies.ok();
                });
            });
        });
    }

    /** COPY source destination [DB 0] [REPLACE]. */
    private CompletionStage<Reply> copy(CommandContext c, RespCommand cmd) {
        byte[] source = limits.checkKey(cmd.arg(1));
        byte[] destination = limits.checkKey(cmd.arg(2));
        boolean replace = false;
        for (int i = 3; i < cmd.argCount(); i++) {
            if (Args.is(cmd.arg(i), "REPLACE")) {
                replace = true;
            } else if (Args.is(cmd.arg(i), "DB") && i + 1 < cmd.argCount()) {
                Long db = Args.tryParseLong(cmd.arg(++i));
                if (db == null) {
                    throw CommandException.notAnInteger();
                }
                if (db != 0) {
                    throw new CommandException("ERR DB index is out of range (ringkv has one database, 0)");
                }
            } else {
                throw CommandException.syntax();
            }
        }
        if (Arrays.equals(source, destination)) {
            throw new CommandException("ERR source and destination objects are the same");
        }
        boolean onlyIfAbsent = !replace;
        return kv.read(source, c.readLevel()).thenCompose(cell -> {
            if (!StoredValues.isLive(cell, kv.nowMs())) {
                return Replies.done(Replies.zero());
            }
            return copyTo(c, cell, destination, onlyIfAbsent).thenApply(copied -> {
                if (copied) {
                    c.notify(KeyspaceEvents.GENERIC, "copy_to", destination);
                }
                return copied ? Replies.one() : Replies.zero();
            });
        });
    }

    /** Writes the live cell's value to the destination; false, writing nothing, when it must be absent and is not. */
    private CompletableFuture<Boolean> copyTo(CommandContext c, Cell cell, byte[] destination, boolean onlyIfAbsent) {
        CompletableFuture<Boolean> free = !onlyIfAbsent ? CompletableFuture.completedFuture(true)
                : kv.read(destination, c.readLevel(), Summary.REQUEST).thenApply(held -> !StoredValues.isLive(held, kv.nowMs()));
        return free.thenCompose(write -> {
            if (!write) {
                return CompletableFuture.completedFuture(false);
            }
            Dot replaced = new Dot(kv.newVersion(), kv.nodeId());
            Cell copy = ValueTypes.copied(cell, replaced, new Dot(kv.newVersion(), kv.nodeId()));
            return kv.write(destination, copy, c.writeLevel()).thenApply(written -> true);
        });
    }
}
