package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.types.Summary;
import io.ringkv.storage.types.ValueTypes;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.hash.HashType;
import io.ringkv.storage.types.set.SetType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP. ringkv keeps one representation per type,
 * so ENCODING answers the name Redis 7.0 would give the same value (tools and tests branch on it),
 * by the thresholds CONFIG SET holds (Redis's defaults until changed); IDLETIME is the time since the value's last write (reads are
 * not tracked); FREQ is refused as Redis refuses it without an LFU policy.
 */
final class ObjectCommand {
    /** The longest string Redis keeps embedded in its object header. */
    static final int EMBSTR_MAX_BYTES = 44;

    private final KeyValueService kv;
    private final ValueLimits limits;
    private final RedisSettings settings;

    ObjectCommand(KeyValueService kv, ValueLimits limits, RedisSettings settings) {
        this.kv = kv;
        this.limits = limits;
        this.settings = settings;
    }

    void register(CommandTable table) {
        table.add("OBJECT", -2, List.of("readonly"), 2, 2, 1, this::object);
    }

    private CompletionStage<Reply> object(CommandContext c, RespCommand cmd) {
        String sub = Args.upper(cmd.arg(1));
        if (!List.of("ENCODING", "FREQ", "IDLETIME", "REFCOUNT", "HELP").contains(sub)) {
            throw new CommandException("ERR unknown subcommand '" + Args.text(cmd.arg(1)) + "'. Try OBJECT HELP.");
        }
        if (cmd.argCount() != (sub.equals("HELP") ? 2 : 3)) {
            throw new CommandException("ERR wrong number of arguments for 'object|" + sub.toLowerCase(java.util.Locale.ROOT)
                    + "' command");
        }
        if (sub.equals("HELP")) {
            return CompletableFuture.completedFuture(help());
        }
        byte[] key = limits.checkKey(cmd.arg(2));
        boolean wholeValue = sub.equals("ENCODING");
        CompletableFuture<Cell> read = wholeValue ? kv.read(key, c.readLevel()) : kv.read(key, c.readLevel(), Summary.REQUEST);
        return read.thenApply(cell -> {
            if (!StoredValues.isLive(cell, kv.nowMs())) {
                return Replies.nil();
            }
            return switch (sub) {
                case "ENCODING" -> Replies.bulk(encoding(cell, settings));
                case "REFCOUNT" -> Replies.integer(1);
                case "IDLETIME" -> Replies.integer(Math.max(0, kv.nowMs() - HybridClock.physicalMs(cell.hlc())) / 1000);
                default -> throw new CommandException("ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
                        + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.");
            };
        });
    }

    /** The encoding Redis 7.0 would report for the value, by the thresholds set with CONFIG SET. */
    static String encoding(Cell cell, RedisSettings settings) {
        if (cell.type() == io.ringkv.storage.types.list.ListType.TAG && HashState.of(cell).isHash()) {
            // Redis 7.0 holds every list as a quicklist.
            return "quicklist";
        }
        if (cell.isString() || !(cell.type() == HashType.TAG || cell.type() == SetType.TAG)) {
            byte[] value = ValueTypes.stringValue(cell);
            if (value.length <= 20 && Args.tryParseLong(value) != null) {
                return "int";
            }
            return value.length <= EMBSTR_MAX_BYTES ? "embstr" : "raw";
        }
        HashState state = HashState.of(cell);
        if (!state.isHash()) {
            return "raw";
        }
        if (cell.type() == SetType.TAG) {
            boolean[] integers = {state.size() <= settings.integer("set-max-intset-entries")};
            state.forEachLive((member, empty) -> integers[0] &= integers[0] && Args.tryParseLong(member) != null);
            return integers[0] ? "intset" : "hashtable";
        }
        long maxValue = settings.integer("hash-max-listpack-value");
        boolean[] small = {state.size() <= settings.integer("hash-max-listpack-entries")};
        state.forEachLive((name, value) -> small[0] &= small[0] && name.length <= maxValue && value.length <= maxValue);
        return small[0] ? "listpack" : "hashtable";
    }

    private static Reply help() {
        List<String> lines = List.of(
                "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "ENCODING <key>",
                "    Return the kind of internal representation Redis 7.0 would use for the value stored at <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the key (refused: no LFU policy).",
                "HELP",
                "    Print this help.",
                "IDLETIME <key>",
                "    Return the seconds since the value stored at <key> was last written.",
                "REFCOUNT <key>",
                "    Return the number of references of the value stored at <key> (always 1).");
        return Replies.array(lines.stream().map(Replies::simple).toList());
    }
}
