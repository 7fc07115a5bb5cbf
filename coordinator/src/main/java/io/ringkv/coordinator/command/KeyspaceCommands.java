package io.ringkv.coordinator.command;

import io.ringkv.coordinator.keyspace.KeyspaceScanner;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.types.Summary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * SCAN, KEYS, DBSIZE and RANDOMKEY over the whole cluster, through any node ({@link KeyspaceScanner}):
 * each key range is read from its replicas at the session's read level.
 */
final class KeyspaceCommands {
    private final KeyspaceScanner keyspace;

    KeyspaceCommands(KeyspaceScanner keyspace) {
        this.keyspace = keyspace;
    }

    void register(CommandTable table) {
        table.add("SCAN", -2, List.of("readonly"), 0, 0, 0, this::scan);
        table.add("KEYS", 2, List.of("readonly"), 0, 0, 0, this::keys);
        table.add("DBSIZE", 1, List.of("readonly", "fast"), 0, 0, 0, (c, cmd) -> {
            AtomicLong live = new AtomicLong();
            return keyspace.forEach(c.readLevel(), (key, cell) -> live.incrementAndGet())
                    .thenApply(done -> Replies.integer(live.get()));
        });
        table.add("RANDOMKEY", 1, List.of("readonly"), 0, 0, 0, (c, cmd) ->
                keyspace.randomKey(c.readLevel()).thenApply(Replies::bulkOrNil));
    }

    /** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. */
    private CompletionStage<Reply> scan(CommandContext c, RespCommand cmd) {
        long cursor = HashSampling.parseCursor(cmd.arg(1));
        String pattern = null;
        long count = 10;
        String type = null;
        for (int i = 2; i < cmd.argCount(); i++) {
            boolean hasNext = i + 1 < cmd.argCount();
            if (Args.is(cmd.arg(i), "MATCH") && hasNext) {
                pattern = Args.text(cmd.arg(++i));
            } else if (Args.is(cmd.arg(i), "COUNT") && hasNext) {
                count = Args.parseLong(cmd.arg(++i));
                if (count < 1) {
                    throw CommandException.syntax();
                }
            } else if (Args.is(cmd.arg(i), "TYPE") && hasNext) {
                type = Args.text(cmd.arg(++i)).toLowerCase(Locale.ROOT);
            } else {
                throw CommandException.syntax();
            }
        }
        String wantedType = type;
        return keyspace.scan(cursor, count, c.readLevel(),
                cell -> wantedType == null || Summary.typeName(cell).equals(wantedType), matching(pattern))
                .thenApply(page -> {
                    List<Reply> keys = new ArrayList<>(page.keys().size());
                    page.keys().forEach(key -> keys.add(Replies.bulk(key)));
                    return Replies.array(List.of(Replies.bulk(Long.toUnsignedString(page.cursor())), Replies.array(keys)));
                });
    }

    private CompletionStage<Reply> keys(CommandContext c, RespCommand cmd) {
        Predicate<byte[]> matches = matching(Args.text(cmd.arg(1)));
        List<Reply> keys = new ArrayList<>();
        return keyspace.forEach(c.readLevel(), (key, cell) -> {
            if (matches.test(key)) {
                keys.add(Replies.bulk(key));
            }
        }).thenApply(done -> Replies.array(keys));
    }

    private static Predicate<byte[]> matching(String pattern) {
        return pattern == null || pattern.equals("*") ? key -> true
                : key -> Glob.matches(pattern, new String(key, StandardCharsets.UTF_8));
    }
}
