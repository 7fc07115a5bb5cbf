package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.list.ListEdits;
import io.ringkv.storage.types.list.ListType;
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

    ListCommands(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
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
    }

    /** The list's length at the read level (a summary read: the replicas ship a count, not the list). */
    private CompletionStage<Long> length(CommandContext c, byte[] key) {
        return kv.read(key, c.readLevel(), Summary.REQUEST).thenApply(cell -> HashEdits.count(cell, kv.nowMs(), ListType.TAG));
    }

    private CompletionStage<ListView> whole(CommandContext c, byte[] key) {
        return kv.read(key, c.readLevel()).thenApply(cell -> ListView.of(HashEdits.visible(cell, kv.nowMs(), ListType.TAG)));
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
        List<byte[]> positions = new ArrayList<>(elements.size());
        for (int i = 0; i < pairs.size(); i += 2) {
            positions.add(pairs.get(i));
        }
        CompletionStage<Boolean> allowed = onlyIfExists ? length(c, key).thenApply(n -> n > 0)
                : CompletableFuture.completedFuture(true);
        return allowed.thenCompose(push -> {
            if (!push) {
                return CompletableFuture.completedFuture(Replies.zero());
            }
            // Reads only the new positions (nothing there): the type check, and what an expiry left.
            return kv.update(key, c.readLevel(), c.writeLevel(), positions, current -> ListEdits.push(current, pairs,
                    new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs()))
                    .thenCompose(written -> {
                        c.notify(KeyspaceEvents.LIST, head ? "lpush" : "rpush", key);
                        return length(c, key);
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
        Long count = null;
        if (cmd.argCount() == 3) {
            count = Args.tryParseLong(cmd.arg(2));
            if (count == null || count < 0) {
                throw new CommandException("ERR value is out of range, must be positive");
            }
        }
        byte[] key = limits.checkKey(cmd.arg(1));
        boolean single = count == null;
        long wanted = single ? 1 : count;
        ListEdits.Popped[] popped = new ListEdits.Popped[1];
        return kv.update(key, c.readLevel(), c.writeLevel(), current -> {
            popped[0] = ListEdits.pop(current, wanted, head, new Dot(kv.newVersion(), kv.nodeId()), kv.nowMs());
            return popped[0].delta();
        }).thenApply(written -> {
            List<byte[]> taken = popped[0].elements();
            if (!taken.isEmpty()) {
                c.notify(KeyspaceEvents.LIST, head ? "lpop" : "rpop", key);
                if (popped[0].emptied()) {
                    c.notify(KeyspaceEvents.GENERIC, "del", key);
                }
            }
            if (single) {
                return taken.isEmpty() ? Replies.nil() : Replies.bulk(taken.get(0));
            }
            if (!popped[0].existed()) {
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
        return whole(c, key).thenApply(list -> {
            long size = list.size();
            long from = start < 0 ? Math.max(0, start + size) : start;
            long to = stop < 0 ? stop + size : Math.min(stop, size - 1);
            List<Reply> items = new ArrayList<>();
            if (from <= to && from < size) {
                for (ListView.Element element : list.range((int) from, (int) to)) {
                    items.add(Replies.bulk(element.value()));
                }
            }
            return Replies.array(items);
        });
    }

    /** LINDEX key index: the element, nil when out of range. */
    private CompletionStage<Reply> lindex(CommandContext c, RespCommand cmd) {
        byte[] key = limits.checkKey(cmd.arg(1));
        long index = Args.parseLong(cmd.arg(2));
        return whole(c, key).thenApply(list -> {
            long at = index < 0 ? index + list.size() : index;
            return at < 0 || at >= list.size() ? Replies.nil() : Replies.bulk(list.get((int) at).value());
        });
    }
}
