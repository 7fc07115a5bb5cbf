package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.ValueTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** GETEX, GETRANGE, SUBSTR, SETRANGE, MSETNX and LCS: the string commands beyond GET and SET. */
final class StringEditCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;

    StringEditCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("GETEX", -2, List.of("write", "fast"), 1, 1, 1, this::getex);
        table.add("GETRANGE", 4, List.of("readonly"), 1, 1, 1, this::getrange);
        table.add("SUBSTR", 4, List.of("readonly"), 1, 1, 1, this::getrange);
        table.add("SETRANGE", 4, List.of("write", "denyoom"), 1, 1, 1, this::setrange);
        table.add("MSETNX", -3, List.of("write", "denyoom"), 1, -1, 2, this::msetnx);
        table.add("LCS", -3, List.of("readonly"), 1, 2, 1, this::lcs);
    }

    /** GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]: the value, and its expiry changed. */
    private CompletionStage<Reply> getex(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        SetOptions.ExpiryWords expiry = new SetOptions.ExpiryWords();
        boolean persist = false;
        for (int i = 2; i < cmd.argCount(); i++) {
            byte[] word = cmd.arg(i);
            if (Args.is(word, "PERSIST") && !expiry.seen()) {
                persist = true;
            } else if (i + 1 < cmd.argCount() && !persist && expiry.accepts(word)) {
                expiry.take(word, cmd.arg(++i));
            } else {
                throw CommandException.syntax();
            }
        }
        long expiresAt = expiry.atMs(kv.nowMs(), "getex");
        if (!persist && !expiry.seen()) {
            return kv.read(key, c.readLevel()).thenApply(cell -> Replies.bulkOrNil(StoredValues.stringOf(cell, kv.nowMs())));
        }
        boolean dropExpiry = persist;
        byte[][] value = new byte[1][];
        String[] event = new String[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            long now = kv.nowMs();
            value[0] = StoredValues.stringOf(current, now);
            event[0] = null;
            if (value[0] == null) {
                return current;
            }
            if (dropExpiry) {
                event[0] = current.hasExpiry() ? "persist" : null;
                return current.hasExpiry() ? ValueTypes.withExpiry(current, kv.newVersion(), kv.nodeId(), Cell.NO_EXPIRY) : current;
            }
            if (expiry.isAbsolute() && expiresAt <= now) {
                // A time already past deletes the key, as in Redis.
                event[0] = "del";
                return Cell.tombstone(kv.newVersion(), kv.nodeId());
            }
            event[0] = "expire";
            return ValueTypes.withExpiry(current, kv.newVersion(), kv.nodeId(), expiresAt);
        }).thenApply(written -> {
            if (event[0] != null) {
                c.notify(KeyspaceEvents.GENERIC, event[0], key);
            }
            return Replies.bulkOrNil(value[0]);
        });
    }

    /** GETRANGE key start end (and SUBSTR): inclusive, negative offsets from the end, clamped as Redis clamps. */
    private CompletionStage<Reply> getrange(CommandContext c, RespCommand cmd) {
        long start = Args.parseLong(cmd.arg(2));
        long end = Args.parseLong(cmd.arg(3));
        byte[] key = limits.checkKey(cmd.arg(1));
        return kv.read(key, c.readLevel()).thenApply(cell -> {
            byte[] value = StoredValues.stringOf(cell, kv.nowMs());
            return Replies.bulk(range(value == null ? new byte[0] : value, start, end));
        });
    }

    static byte[] range(byte[] value, long start, long end) {
        long length = value.length;
        if (start < 0 && end < 0 && start > end) {
            return new byte[0];
        }
        long from = Math.max(0, start < 0 ? length + start : start);
        long to = Math.max(0, end < 0 ? length + end : end);
        to = Math.min(to, length - 1);
        if (from > to || length == 0) {
            return new byte[0];
        }
        return Arrays.copyOfRange(value, (int) from, (int) to + 1);
    }

    /** SETRANGE key offset value: overwrites from offset, padding with zero bytes; answers the new length. */
    private CompletionStage<Reply> setrange(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long offset = Args.parseLong(cmd.arg(2));
        byte[] patch = cmd.arg(3);
        if (offset < 0) {
            throw new CommandException("ERR offset is out of range");
        }
        long[] length = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            byte[] value = StoredValues.stringOf(current, kv.nowMs());
            byte[] base = value == null ? new byte[0] : value;
            length[0] = base.length;
            if (patch.length == 0) {
                return current;
            }
            long needed = Math.max(base.length, offset + patch.length);
            if (needed > limits.maxValueBytes()) {
                throw new CommandException("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
            }
            byte[] joined = Arrays.copyOf(base, (int) needed);
            System.arraycopy(patch, 0, joined, (int) offset, patch.length);
            length[0] = joined.length;
            // The key's TTL stays, as in Redis.
            return Cell.live(kv.newVersion(), kv.nodeId(), joined, StoredValues.expiryKept(current, kv.nowMs()));
        }).thenApply(written -> {
            if (patch.length > 0) {
                c.notify(KeyspaceEvents.STRING, "setrange", key);
            }
            return Replies.integer(length[0]);
        });
    }

    /**
     * MSETNX key value [key value ...]: reads every key at the read level and, when none exists,
     * writes them all at the write level. Below STRONG the keys are not read and written at one
     * instant: a key created between the read and the writes is overwritten (the README says so).
     */
    private CompletionStage<Reply> msetnx(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() % 2 != 1) {
            throw new CommandException("ERR wrong number of arguments for 'msetnx' command");
        }
        Map<java.nio.ByteBuffer, byte[]> values = new LinkedHashMap<>();
        for (int i = 1; i < cmd.argCount(); i += 2) {
            limits.checkKey(cmd.arg(i));
            values.put(java.nio.ByteBuffer.wrap(cmd.arg(i)), limits.checkValue(cmd.arg(i + 1)));
        }
        List<CompletableFuture<Cell>> reads = new ArrayList<>();
        values.keySet().forEach(key -> reads.add(kv.read(key.array(), c.readLevel(), io.ringkv.storage.types.Summary.REQUEST)));
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            if (reads.stream().anyMatch(read -> StoredValues.isLive(read.join(), kv.nowMs()))) {
                return CompletableFuture.completedFuture(Replies.zero());
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            values.forEach((key, value) -> writes.add(kv.write(key.array(),
                    Cell.live(kv.newVersion(), kv.nodeId(), value, Cell.NO_EXPIRY), c.writeLevel())));
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(written -> {
                values.keySet().forEach(key -> c.notify(KeyspaceEvents.STRING, "set", key.array()));
                return Replies.one();
            });
        });
    }

    /** LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]. */
    private CompletionStage<Reply> lcs(CommandContext c, RespCommand cmd) {
        boolean len = false;
        boolean idx = false;
        boolean withMatchLength = false;
        long minMatchLength = 0;
        for (int i = 3; i < cmd.argCount(); i++) {
            byte[] word = cmd.arg(i);
            if (Args.is(word, "IDX")) {
                idx = true;
            } else if (Args.is(word, "LEN")) {
                len = true;
            } else if (Args.is(word, "WITHMATCHLEN")) {
                withMatchLength = true;
            } else if (Args.is(word, "MINMATCHLEN") && i + 1 < cmd.argCount()) {
                minMatchLength = Math.max(0, Args.parseLong(cmd.arg(++i)));
            } else {
                throw CommandException.syntax();
            }
        }
        CompletableFuture<Cell> first = kv.read(limits.checkKey(cmd.arg(1)), c.readLevel());
        CompletableFuture<Cell> second = kv.read(limits.checkKey(cmd.arg(2)), c.readLevel());
        boolean lengthOnly = len;
        boolean indexes = idx;
        boolean withLengths = withMatchLength;
        long minimum = minMatchLength;
        return first.thenCombine(second, (a, b) -> {
            byte[] left = lcsOperand(a);
            byte[] right = lcsOperand(b);
            if (lengthOnly && indexes) {
                throw new CommandException("ERR If you want both the length and indexes, please just use IDX.");
            }
            if (!Lcs.fits(left.length, right.length)) {
                throw new CommandException("ERR Insufficient memory, transient memory for LCS exceeds "
                        + Lcs.MAX_CELLS + " table cells");
            }
            Lcs.Result result = Lcs.of(left, right, minimum);
            if (indexes) {
                return indexReply(result, withLengths);
            }
            return lengthOnly ? Replies.integer(result.length()) : Replies.bulk(result.subsequence());
        });
    }

    private byte[] lcsOperand(Cell cell) {
        try {
            byte[] value = StoredValues.stringOf(cell, kv.nowMs());
            return value == null ? new byte[0] : value;
        } catch (ValueRefusedException wrongType) {
            throw new CommandException("ERR The specified keys must contain string values");
        }
    }

    private static Reply indexReply(Lcs.Result result, boolean withLengths) {
        List<Reply> matches = new ArrayList<>();
        for (Lcs.Match match : result.matches()) {
            List<Reply> entry = new ArrayList<>(List.of(
                    Replies.array(List.of(Replies.integer(match.aStart()), Replies.integer(match.aEnd()))),
                    Replies.array(List.of(Replies.integer(match.bStart()), Replies.integer(match.bEnd())))));
            if (withLengths) {
                entry.add(Replies.integer(match.length()));
            }
            matches.add(Replies.array(entry));
        }
        return Replies.pairs(List.of(Replies.bulk("matches"),
                Replies.array(matches), Replies.bulk("len"),
                Replies.integer(result.length())));
    }
}
