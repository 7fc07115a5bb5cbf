package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.list.ListEdits;
import io.ringkv.storage.types.list.ListType;
import io.ringkv.storage.types.list.ListSlice;
import io.ringkv.storage.types.list.ListView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * List commands. A list is held as a hash of positions to elements ({@link ListType}): a push
 * writes only its new elements (each at a position of its own, so pushes through different nodes
 * are all kept), a pop removes only the elements it read, and a read sorts the positions. Below
 * STRONG two pops through different nodes at once may return the same element (the README says
 * so). A push answers the length its read level then sees, which counts concurrent pushes too.
 */
final class ListCommands {
    private final KeyValueService kv;
    private final ValueLimits limits;
    private final BlockedPops blocked;
    private final PopTurns pops;

    /** {@code blocked}: where blocking pops wait and pushes wake them (one per node, shared by both command tables). */
    ListCommands(KeyValueService kv, ValueLimits limits, BlockedPops blocked) {
        this.kv = kv;
        this.limits = limits;
        this.blocked = blocked;
        this.pops = new PopTurns(kv, MAX_SLICE);
    }

    void register(CommandTable table) {
        table.add("LPUSH", -3, List.of("write", "denyoom", "fast"), 1, 1, 1, (c, cmd) -> push(c, cmd, true, false));
        table.add("RPUSH", -3, List.of("write", "denyoom", "fast"), 1, 1, 1, (c, cmd) -> push(c, cmd, false, false));
        table.add("LPUSHX", -3, List.of("write", "denyoom", "fast"), 1, 1, 1, (c, cmd) -> push(c, cmd, true, true));
        table.add("RPUSHX", -3, List.of("write", "denyoom", "fast"), 1, 1, 1, (c, cmd) -> push(c, cmd, false, true));
        table.add("LPOP", -2, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> pop(c, cmd, true));
        table.add("RPOP", -2, List.of("write", "fast"), 1, 1, 1, (c, cmd) -> pop(c, cmd, false));
        table.add("LLEN", 2, List.of("readonly", "fast"), 1, 1, 1, (c, cmd) -> length(c, limits.checkKey(cmd.arg(1)))
                .thenApply(Replies::integer));
        table.add("LRANGE", 4, List.of("readonly"), 1, 1, 1, this::lrange);
        table.add("LINDEX", 3, List.of("readonly"), 1, 1, 1, this::lindex);
        table.add("LSET", 4, List.of("write", "denyoom"), 1, 1, 1, this::lset);
        table.add("LREM", 4, List.of("write"), 1, 1, 1, this::lrem);
        table.add("LTRIM", 4, List.of("write"), 1, 1, 1, this::ltrim);
        table.add("LPOS", -3, List.of("readonly"), 1, 1, 1, this::lpos);
        table.add("LINSERT", 5, List.of("write", "denyoom"), 1, 1, 1, this::linsert);
        table.add("LMOVE", 5, List.of("write", "denyoom"), 1, 2, 1, (c, cmd) -> lmove(c, cmd.arg(1), cmd.arg(2),
                side(cmd.arg(3)), side(cmd.arg(4))));
        table.add("RPOPLPUSH", 3, List.of("write", "denyoom"), 1, 2, 1, (c, cmd) -> lmove(c, cmd.arg(1), cmd.arg(2), false, true));
        table.add("LMPOP", -4, List.of("write"), 0, 0, 0, this::lmpop);
        table.add("BLPOP", -3, List.of("write", "noscript", "blocking"), 1, -2, 1, (c, cmd) -> bpop(c, cmd, true));
        table.add("BRPOP", -3, List.of("write", "noscript", "blocking"), 1, -2, 1, (c, cmd) -> bpop(c, cmd, false));
        table.add("BLMOVE", 6, List.of("write", "denyoom", "noscript", "blocking"), 1, 2, 1, (c, cmd) -> blmove(c, cmd.arg(1),
                cmd.arg(2), side(cmd.arg(3)), side(cmd.arg(4)), cmd.arg(5)));
        table.add("BRPOPLPUSH", 4, List.of("write", "denyoom", "noscript", "blocking"), 1, 2, 1, (c, cmd) -> blmove(c,
                cmd.arg(1), cmd.arg(2), false, true, cmd.arg(3)));
        table.add("BLMPOP", -5, List.of("write", "blocking"), 0, 0, 0, this::blmpop);
    }

    /** Redis's timeout argument: seconds as a float, 0 for ever; in milliseconds. */
    private static double timeoutMs(byte[] arg) {
        Double seconds = null;
        try {
            String text = Args.text(arg);
            if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0)) && !text.equalsIgnoreCase("nan")) {
                seconds = Double.parseDouble(text);
            }
        } catch (NumberFormatException notANumber) {
            seconds = null;
        }
        if (seconds == null || seconds.isNaN() || seconds.isInfinite()) {
            throw new CommandException("ERR timeout is not a float or out of range");
        }
        if (seconds < 0) {
            throw new CommandException("ERR timeout is negative");
        }
        return seconds * 1000;
    }

    /**
     * Runs {@code attempt} now; if it takes nothing, blocks on {@code keys} until a push lets it
     * take something or the timeout passes ({@code onTimeout}). Inside EXEC it never blocks, as in
     * Redis. The connection runs nothing else meanwhile.
     */
    private CompletionStage<Reply> blocking(CommandContext c, List<byte[]> keys, double timeoutMs,
                                            java.util.function.Supplier<CompletableFuture<Reply>> attempt, Reply onTimeout) {
        return attempt.get().thenCompose(answer -> {
            if (answer != null) {
                return CompletableFuture.completedFuture(answer);
            }
            if (c.inExec()) {
                return CompletableFuture.completedFuture(onTimeout);
            }
            CompletableFuture<Reply> reply = blocked.block(c.session().id(), keys, timeoutMs, attempt, onTimeout);
            c.session().holdFollowingUntil(reply);
            return reply;
        });
    }

    /** BLPOP/BRPOP key [key ...] timeout: [key, element] from the first list with one, else blocks. */
    private CompletionStage<Reply> bpop(CommandContext c, RespCommand cmd, boolean head) {
        double timeout = timeoutMs(cmd.arg(cmd.argCount() - 1));
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < cmd.argCount() - 1; i++) {
            keys.add(limits.checkKey(cmd.arg(i)));
        }
        return blocking(c, keys, timeout, () -> popFromFirst(c, keys, 0, head, 1).thenApply(taken -> taken == null ? null
                : Replies.array(List.of(Replies.bulk(taken.key()), Replies.bulk(taken.elements().get(0))))), Replies.nullArray());
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout (BRPOPLPUSH: RIGHT LEFT). */
    private CompletionStage<Reply> blmove(CommandContext c, byte[] source, byte[] destination, boolean fromHead, boolean toHead,
                                          byte[] timeoutArg) {
        double timeout = timeoutMs(timeoutArg);
        limits.checkKey(source);
        limits.checkKey(destination);
        return blocking(c, List.of(source), timeout, () -> move(c, source, destination, fromHead, toHead)
                .thenApply(element -> element == null ? null : Replies.bulk(element)), Replies.nullArray());
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
    private CompletionStage<Reply> blmpop(CommandContext c, RespCommand cmd) {
        double timeout = timeoutMs(cmd.arg(1));
        MultiPop request = MultiPop.parse(cmd, 2, limits);
        return blocking(c, request.keys(), timeout, () -> popFromFirst(c, request.keys(), 0, request.head(), request.count())
                .thenApply(taken -> taken == null ? null : taken.reply()), Replies.nullArray());
    }

    /** LEFT (the head: true) or RIGHT. */
    private static boolean side(byte[] arg) {
        if (Args.is(arg, "LEFT")) {
            return true;
        }
        if (Args.is(arg, "RIGHT")) {
            return false;
        }
        throw new CommandException("ERR syntax error");
    }

    /** The most elements a slice read asks for; a range past it reads the whole list. */
    private static final long MAX_SLICE = Integer.MAX_VALUE - 8;

    private Dot dot() {
        return new Dot(kv.newVersion(), kv.nodeId());
    }

    /** The list's length at the read level (a summary read: the replicas ship a count, not the list). */
    private CompletionStage<Long> length(CommandContext c, byte[] key) {
        return kv.read(key, c.readLevel(), Summary.REQUEST).thenApply(cell -> HashEdits.count(cell, kv.nowMs(), ListType.TAG));
    }

    /**
     * The length a push answers: the largest count among the replicas asked right after it (never
     * a whole read, even while they differ: it counts concurrent pushes, and pops not yet everywhere).
     * After a push at STRONG, a quorum's (the push is on a quorum by then): a STRONG read would be
     * a round that ships the whole list.
     */
    private CompletionStage<Long> pushedLength(CommandContext c, byte[] key) {
        ConsistencyLevel level = c.readLevel() == ConsistencyLevel.STRONG ? ConsistencyLevel.QUORUM : c.readLevel();
        return kv.read(key, level, Summary.LARGEST).thenApply(cell -> HashEdits.count(cell, kv.nowMs(), ListType.TAG));
    }

    /**
     * What a push reads of its list: none of its elements, only what its type and expiry are (a
     * slice of no elements), at any level: a push's delta depends on nothing else, so even at
     * STRONG its round ships no element.
     */
    private static final List<byte[]> NO_ELEMENTS = ListSlice.request(true, 0);

    /** Completes when the key holds a list or nothing; fails with WRONGTYPE otherwise. Reads no element. */
    private CompletionStage<Void> checkedType(CommandContext c, byte[] key) {
        return kv.read(key, c.readLevel(), NO_ELEMENTS).thenAccept(cell -> ListView.of(cell, kv.nowMs()));
    }

    private CompletionStage<ListView> whole(CommandContext c, byte[] key) {
        return kv.read(key, c.readLevel()).thenApply(cell -> ListView.of(cell, kv.nowMs()));
    }

    /** The first ({@code head}) or last {@code count} elements at the read level: the replicas ship those, not the list. */
    private CompletionStage<ListView> slice(CommandContext c, byte[] key, boolean head, long count) {
        return kv.read(key, c.readLevel(), ListSlice.request(head, (int) Math.min(count, MAX_SLICE)))
                .thenApply(cell -> ListView.of(cell, kv.nowMs()));
    }

    /**
     * What LRANGE and LINDEX read for indexes {@code start..stop}: the elements up to the stop
     * from the head when both count from the head, from the tail when both count from the tail,
     * else the whole list. Indexes into the answer mean what they mean in the whole list.
     */
    private CompletionStage<ListView> around(CommandContext c, byte[] key, long start, long stop) {
        if (start >= 0 && stop >= 0) {
            return stop >= MAX_SLICE ? whole(c, key) : slice(c, key, true, stop + 1);
        }
        if (start < 0 && stop < 0) {
            return start <= -MAX_SLICE ? whole(c, key) : slice(c, key, false, -start);
        }
        return whole(c, key);
    }

    /**
     * LPUSH/RPUSH key element [element ...] (LPUSHX/RPUSHX: only onto a list that exists): each
     * element at a new position at the head or the tail, in argument order, so LPUSH a b c leaves
     * c first, as in Redis.
     */
    private CompletionStage<Reply> push(CommandContext c, RespCommand cmd, boolean head, boolean onlyIfExists) {
        byte[] key = limits.checkKey(cmd.arg(1));
        List<byte[]> elements = new ArrayList<>();
        for (int i = 2; i < cmd.argCount(); i++) {
            elements.add(limits.checkValue(cmd.arg(i)));
        }
        List<byte[]> pairs = ListEdits.positioned(elements, kv::newVersion, kv.nodeId(), head);
        CompletionStage<Boolean> allowed = onlyIfExists ? length(c, key).thenApply(n -> n > 0)
                : CompletableFuture.completedFuture(true);
        return allowed.thenCompose(push -> {
            if (!push) {
                return CompletableFuture.completedFuture(Replies.zero());
            }
            return kv.update(key, c.readLevel(), c.writeLevel(), NO_ELEMENTS, current -> ListEdits.push(current, pairs,
                    new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()))
                    .thenCompose(written -> {
                        c.notify(KeyspaceEvents.LIST, head ? "lpush" : "rpush", key);
                        blocked.signal(key);
                        return pushedLength(c, key);
                    }).thenApply(Replies::integer);
        });
    }

    /**
     * LPOP/RPOP key [count]: reads the list, removes the elements it took from that end (the ones
     * it read, so a concurrent push is kept) and answers them: one element, or with a count an
     * array (nil when the key is absent).
     */
    private CompletionStage<Reply> pop(CommandContext c, RespCommand cmd, boolean head) {
        if (cmd.argCount() > 3) {
            throw new CommandException("ERR wrong number of arguments for '" + (head ? "lpop" : "rpop") + "' command");
        }
        Long count = cmd.argCount() == 3 ? Args.popCount(cmd.arg(2)) : null;
        byte[] key = limits.checkKey(cmd.arg(1));
        boolean single = count == null;
        long wanted = single ? 1 : count;
        return popAt(c, key, wanted, head).thenApply(popped -> {
            List<byte[]> taken = popped.elements();
            if (single) {
                return taken.isEmpty() ? Replies.nil() : Replies.bulk(taken.get(0));
            }
            if (!popped.existed()) {
                return Replies.nullArray();
            }
            List<Reply> items = new ArrayList<>(taken.size());
            taken.forEach(element -> items.add(Replies.bulk(element)));
            return Replies.array(items);
        });
    }

    /** LRANGE key start stop, with Redis's index rules (negative from the end, clamped). */
    private CompletionStage<Reply> lrange(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long start = Args.parseLong(cmd.arg(2));
        long stop = Args.parseLong(cmd.arg(3));
        return around(c, key, start, stop).thenApply(list -> {
            long[] range = ListView.clamp(start, stop, list.size());
            List<Reply> items = new ArrayList<>();
            for (ListView.Element element : list.range((int) range[0], (int) range[1])) {
                items.add(Replies.bulk(element.value()));
            }
            return Replies.array(items);
        });
    }

    /** LINDEX key index: the element, nil when out of range. */
    private CompletionStage<Reply> lindex(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long index = Args.parseLong(cmd.arg(2));
        return around(c, key, index, index).thenApply(list -> {
            long at = index < 0 ? index + list.size() : index;
            return at < 0 || at >= list.size() ? Replies.nil() : Replies.bulk(list.get((int) at).value());
        });
    }

    /** LSET key index element: replaces the element at the index (its value is last-write-wins). */
    private CompletionStage<Reply> lset(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long index = Args.parseLong(cmd.arg(2));
        byte[] element = limits.checkValue(cmd.arg(3));
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            ListView list = ListView.of(current, kv.nowMs());
            if (list.size() == 0) {
                throw new CommandException("ERR no such key");
            }
            long at = index < 0 ? index + list.size() : index;
            if (at < 0 || at >= list.size()) {
                throw new CommandException("ERR index out of range");
            }
            return ListEdits.setAt(current, list.get((int) at).position(), element, dot(), kv.nowMs());
        }).thenApply(written -> {
            c.notify(KeyspaceEvents.LIST, "lset", key);
            return Replies.ok();
        });
    }

    /** LREM key count element: removes up to |count| equal elements from the head (count > 0), the tail (< 0), or all. */
    private CompletionStage<Reply> lrem(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long count = Args.parseLong(cmd.arg(2));
        byte[] element = cmd.arg(3);
        long[] removed = new long[1];
        boolean[] emptied = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            ListView list = ListView.of(current, kv.nowMs());
            List<byte[]> picked = ListEdits.matching(list, element, count);
            removed[0] = picked.size();
            emptied[0] = !picked.isEmpty() && picked.size() == list.size();
            return ListEdits.remove(current, picked, dot(), kv.nowMs());
        }).thenApply(written -> {
            if (removed[0] > 0) {
                c.notify(KeyspaceEvents.LIST, "lrem", key);
                if (emptied[0]) {
                    c.notify(KeyspaceEvents.GENERIC, "del", key);
                }
            }
            return Replies.integer(removed[0]);
        });
    }

    /** LTRIM key start stop: keeps only that range (Redis's index rules), removing the elements it read outside it. */
    private CompletionStage<Reply> ltrim(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long start = Args.parseLong(cmd.arg(2));
        long stop = Args.parseLong(cmd.arg(3));
        boolean[] existed = new boolean[1];
        boolean[] emptied = new boolean[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            ListView list = ListView.of(current, kv.nowMs());
            existed[0] = list.size() > 0;
            List<byte[]> removed = ListEdits.outside(list, start, stop);
            emptied[0] = existed[0] && removed.size() == list.size();
            return ListEdits.remove(current, removed, dot(), kv.nowMs());
        }).thenApply(written -> {
            if (existed[0]) {
                c.notify(KeyspaceEvents.LIST, "ltrim", key);
                if (emptied[0]) {
                    c.notify(KeyspaceEvents.GENERIC, "del", key);
                }
            }
            return Replies.ok();
        });
    }

    /** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: the index (or indexes) of matches. */
    private CompletionStage<Reply> lpos(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        byte[] element = cmd.arg(2);
        long rank = 1;
        Long count = null;
        long maxlen = 0;
        for (int i = 3; i < cmd.argCount(); i += 2) {
            if (i + 1 >= cmd.argCount()) {
                throw new CommandException("ERR syntax error");
            }
            long value = Args.parseLong(cmd.arg(i + 1));
            if (Args.is(cmd.arg(i), "RANK")) {
                if (value == 0) {
                    throw new CommandException("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second"
                            + " ... or use negative to start from the end of the list");
                }
                if (value == Long.MIN_VALUE) {
                    throw new CommandException("ERR value is out of range, value must between -9223372036854775807 and"
                            + " 9223372036854775807");
                }
                rank = value;
            } else if (Args.is(cmd.arg(i), "COUNT")) {
                if (value < 0) {
                    throw new CommandException("ERR COUNT can't be negative");
                }
                count = value;
            } else if (Args.is(cmd.arg(i), "MAXLEN")) {
                if (value < 0) {
                    throw new CommandException("ERR MAXLEN can't be negative");
                }
                maxlen = value;
            } else {
                throw new CommandException("ERR syntax error");
            }
        }
        long skip = Math.abs(rank) - 1;
        boolean fromTail = rank < 0;
        Long wanted = count;
        long compared = maxlen == 0 ? Long.MAX_VALUE : maxlen;
        return whole(c, key).thenApply(list -> {
            List<Reply> found = new ArrayList<>();
            long matches = 0;
            long limit = wanted == null ? 1 : wanted == 0 ? Long.MAX_VALUE : wanted;
            for (int i = 0; i < list.size() && i < compared && found.size() < limit; i++) {
                int index = fromTail ? list.size() - 1 - i : i;
                if (java.util.Arrays.equals(list.get(index).value(), element) && matches++ >= skip) {
                    found.add(Replies.integer(index));
                }
            }
            if (wanted != null) {
                return Replies.array(found);
            }
            return found.isEmpty() ? Replies.nil() : found.get(0);
        });
    }

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    private CompletionStage<Reply> linsert(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        boolean before;
        if (Args.is(cmd.arg(2), "BEFORE")) {
            before = true;
        } else if (Args.is(cmd.arg(2), "AFTER")) {
            before = false;
        } else {
            throw new CommandException("ERR syntax error");
        }
        byte[] pivot = cmd.arg(3);
        byte[] element = limits.checkValue(cmd.arg(4));
        long[] length = new long[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            ListView list = ListView.of(current, kv.nowMs());
            if (list.size() == 0) {
                length[0] = 0;
                return null;
            }
            for (int i = 0; i < list.size(); i++) {
                if (java.util.Arrays.equals(list.get(i).value(), pivot)) {
                    byte[] position = ListEdits.insertPosition(list, i, before, kv.newVersion(), kv.nodeId());
                    length[0] = list.size() + 1L;
                    return ListEdits.setAt(current, position, element, dot(), kv.nowMs());
                }
            }
            length[0] = -1;
            return null;
        }).thenApply(written -> {
            if (length[0] > 0) {
                c.notify(KeyspaceEvents.LIST, "linsert", key);
                blocked.signal(key);
            }
            return Replies.integer(length[0]);
        });
    }

    /**
     * LMOVE source destination LEFT|RIGHT LEFT|RIGHT (RPOPLPUSH: RIGHT LEFT): pops one element and
     * pushes it. Two writes, each at the write level: not atomic across the two keys below STRONG
     * (as SMOVE). The destination's type is checked first, so a WRONGTYPE pops nothing.
     */
    private CompletionStage<Reply> lmove(CommandContext c, byte[] sourceArg, byte[] destinationArg, boolean fromHead,
                                         boolean toHead) {
        return move(c, limits.checkKey(sourceArg), limits.checkKey(destinationArg), fromHead, toHead)
                .thenApply(element -> element == null ? Replies.nil() : Replies.bulk(element));
    }

    /** LMOVE's two writes; the element moved, or null when the source held none. */
    private CompletableFuture<byte[]> move(CommandContext c, byte[] source, byte[] destination, boolean fromHead, boolean toHead) {
        return checkedType(c, destination).thenCompose(checked -> popAt(c, source, 1, fromHead)).thenCompose(popped -> {
            if (popped.elements().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            byte[] element = popped.elements().get(0);
            List<byte[]> pairs = ListEdits.positioned(List.of(element), kv::newVersion, kv.nodeId(), toHead);
            return kv.update(destination, c.readLevel(), c.writeLevel(), NO_ELEMENTS,
                    current -> ListEdits.push(current, pairs, dot(), kv.nowMs())).thenApply(pushed -> {
                        c.notify(KeyspaceEvents.LIST, toHead ? "lpush" : "rpush", destination);
                        blocked.signal(destination);
                        return element;
                    });
        }).toCompletableFuture();
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first of the keys holding a list. */
    private CompletionStage<Reply> lmpop(CommandContext c, RespCommand cmd) {
        MultiPop request = MultiPop.parse(cmd, 1, limits);
        return popFromFirst(c, request.keys(), 0, request.head(), request.count())
                .thenApply(taken -> taken == null ? Replies.nullArray() : taken.reply());
    }

    /** LMPOP's and BLMPOP's arguments from {@code numkeys} on. */
    private record MultiPop(List<byte[]> keys, boolean head, long count) {
        static MultiPop parse(RespCommand cmd, int numkeysAt, ValueLimits limits) {
            Long numkeys = Args.tryParseLong(cmd.arg(numkeysAt));
            if (numkeys == null || numkeys <= 0) {
                throw new CommandException("ERR numkeys should be greater than 0");
            }
            int sideAt = numkeysAt + 1 + (int) Math.min(numkeys, cmd.argCount());
            if (sideAt >= cmd.argCount()) {
                throw new CommandException("ERR syntax error");
            }
            boolean head = side(cmd.arg(sideAt));
            long count = 1;
            if (sideAt + 1 < cmd.argCount()) {
                if (sideAt + 3 != cmd.argCount() || !Args.is(cmd.arg(sideAt + 1), "COUNT")) {
                    throw new CommandException("ERR syntax error");
                }
                Long parsed = Args.tryParseLong(cmd.arg(sideAt + 2));
                if (parsed == null || parsed <= 0) {
                    throw new CommandException("ERR count should be greater than 0");
                }
                count = parsed;
            }
            List<byte[]> keys = new ArrayList<>();
            for (int i = numkeysAt + 1; i < sideAt; i++) {
                keys.add(limits.checkKey(cmd.arg(i)));
            }
            return new MultiPop(keys, head, count);
        }
    }

    /** What a pop from the first list with elements took: the key and its elements. */
    private record Taken(byte[] key, List<byte[]> elements) {
        /** LMPOP's reply: [key, [elements]]. */
        Reply reply() {
            List<Reply> items = new ArrayList<>(elements.size());
            elements.forEach(element -> items.add(Replies.bulk(element)));
            return Replies.array(List.of(Replies.bulk(key), Replies.array(items)));
        }
    }

    /** Pops up to {@code count} from the first of {@code keys} (from {@code next} on) holding a list; null when none does. */
    private CompletableFuture<Taken> popFromFirst(CommandContext c, List<byte[]> keys, int next, boolean head, long count) {
        if (next == keys.size()) {
            return CompletableFuture.completedFuture(null);
        }
        byte[] key = keys.get(next);
        return popAt(c, key, count, head).thenCompose(popped -> {
            if (popped.elements().isEmpty()) {
                return popFromFirst(c, keys, next + 1, head, count);
            }
            return CompletableFuture.completedFuture(new Taken(key, popped.elements()));
        });
    }

    /**
     * The one pop every popping command makes: up to {@code count} elements from an end of the
     * list at {@code key}, removed as read, with the keyspace events (the pop, and del when it
     * emptied the list).
     */
    private CompletableFuture<ListEdits.Popped> popAt(CommandContext c, byte[] key, long count, boolean head) {
        // This node's pops of a key take turns (those waiting go together), so two never read the same element here.
        return pops.pop(key, count, head, c.readLevel(), c.writeLevel()).thenApply(popped -> {
            if (!popped.elements().isEmpty()) {
                c.notify(KeyspaceEvents.LIST, head ? "lpop" : "rpop", key);
                if (popped.emptied()) {
                    c.notify(KeyspaceEvents.GENERIC, "del", key);
                }
            }
            return popped;
        });
    }
}
