package io.ringkv.cli.shell;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates the shell's data commands into server commands at the session's levels: reads
 * ({@code get}, {@code ttl}, {@code keys}) at the read level, writes ({@code set}, {@code del},
 * {@code incr}, {@code cas}) at the write level, each through the server's {@code CL <level>} prefix.
 */
final class DataCommands {
    /** A command the shell sends as typed: its usage, how many arguments it takes, and whether it writes. */
    record Plain(String usage, int minArgs, int maxArgs, boolean writes) {
    }

    /** The hash, set, string and key commands beyond the core: sent as typed, at the session's read or write level. */
    static final java.util.Map<String, Plain> PLAIN = java.util.Map.ofEntries(
            java.util.Map.entry("hset", new Plain("hset <key> <field> <value> [field value ...]", 3, Integer.MAX_VALUE, true)),
            java.util.Map.entry("hsetnx", new Plain("hsetnx <key> <field> <value>", 3, 3, true)),
            java.util.Map.entry("hget", new Plain("hget <key> <field>", 2, 2, false)),
            java.util.Map.entry("hmget", new Plain("hmget <key> <field> [field ...]", 2, Integer.MAX_VALUE, false)),
            java.util.Map.entry("hdel", new Plain("hdel <key> <field> [field ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("hgetall", new Plain("hgetall <key>", 1, 1, false)),
            java.util.Map.entry("hkeys", new Plain("hkeys <key>", 1, 1, false)),
            java.util.Map.entry("hvals", new Plain("hvals <key>", 1, 1, false)),
            java.util.Map.entry("hlen", new Plain("hlen <key>", 1, 1, false)),
            java.util.Map.entry("hexists", new Plain("hexists <key> <field>", 2, 2, false)),
            java.util.Map.entry("hstrlen", new Plain("hstrlen <key> <field>", 2, 2, false)),
            java.util.Map.entry("hincrby", new Plain("hincrby <key> <field> <increment>", 3, 3, true)),
            java.util.Map.entry("hincrbyfloat", new Plain("hincrbyfloat <key> <field> <increment>", 3, 3, true)),
            java.util.Map.entry("hrandfield", new Plain("hrandfield <key> [count [withvalues]]", 1, 3, false)),
            java.util.Map.entry("hscan", new Plain("hscan <key> <cursor> [match pattern] [count n]", 2, 6, false)),
            java.util.Map.entry("sadd", new Plain("sadd <key> <member> [member ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("srem", new Plain("srem <key> <member> [member ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("smembers", new Plain("smembers <key>", 1, 1, false)),
            java.util.Map.entry("sismember", new Plain("sismember <key> <member>", 2, 2, false)),
            java.util.Map.entry("scard", new Plain("scard <key>", 1, 1, false)),
            java.util.Map.entry("smismember", new Plain("smismember <key> <member> [member ...]", 2, Integer.MAX_VALUE, false)),
            java.util.Map.entry("srandmember", new Plain("srandmember <key> [count]", 1, 2, false)),
            java.util.Map.entry("spop", new Plain("spop <key> [count]", 1, 2, true)),
            java.util.Map.entry("smove", new Plain("smove <source> <destination> <member>", 3, 3, true)),
            java.util.Map.entry("sscan", new Plain("sscan <key> <cursor> [match pattern] [count n]", 2, 6, false)),
            java.util.Map.entry("sinter", new Plain("sinter <key> [key ...]", 1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("sunion", new Plain("sunion <key> [key ...]", 1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("sdiff", new Plain("sdiff <key> [key ...]", 1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("sintercard", new Plain("sintercard <numkeys> <key> [key ...] [limit n]", 2, Integer.MAX_VALUE, false)),
            java.util.Map.entry("sinterstore", new Plain("sinterstore <destination> <key> [key ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("sunionstore", new Plain("sunionstore <destination> <key> [key ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("sdiffstore", new Plain("sdiffstore <destination> <key> [key ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("getex", new Plain("getex <key> [ex s|px ms|exat s|pxat ms|persist]", 1, 3, true)),
            java.util.Map.entry("getrange", new Plain("getrange <key> <start> <end>", 3, 3, false)),
            java.util.Map.entry("setrange", new Plain("setrange <key> <offset> <value>", 3, 3, true)),
            java.util.Map.entry("msetnx", new Plain("msetnx <key> <value> [key value ...]", 2, Integer.MAX_VALUE, true)),
            java.util.Map.entry("lcs", new Plain("lcs <key1> <key2> [len] [idx] [minmatchlen n] [withmatchlen]", 2, 7, false)),
            java.util.Map.entry("rename", new Plain("rename <key> <newkey>", 2, 2, true)),
            java.util.Map.entry("renamenx", new Plain("renamenx <key> <newkey>", 2, 2, true)),
            java.util.Map.entry("copy", new Plain("copy <source> <destination> [replace]", 2, 3, true)),
            java.util.Map.entry("touch", new Plain("touch <key> [key ...]", 1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("expiretime", new Plain("expiretime <key>", 1, 1, false)),
            java.util.Map.entry("object", new Plain("object encoding|idletime|refcount <key>", 2, 2, false)),
            java.util.Map.entry("sort", new Plain("sort <key> [by pattern] [limit offset count] [get pattern ...] [asc|desc] [alpha]",
                    1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("multi", new Plain("multi", 0, 0, false)),
            java.util.Map.entry("exec", new Plain("exec", 0, 0, false)),
            java.util.Map.entry("discard", new Plain("discard", 0, 0, false)),
            java.util.Map.entry("watch", new Plain("watch <key> [key ...]", 1, Integer.MAX_VALUE, false)),
            java.util.Map.entry("unwatch", new Plain("unwatch", 0, 0, false)),
            java.util.Map.entry("publish", new Plain("publish <channel> <message>", 2, 2, false)),
            java.util.Map.entry("pubsub", new Plain("pubsub channels [pattern] | numsub [channel ...] | numpat", 1, Integer.MAX_VALUE, false)));

    /**
     * Sent without {@code CL <level>}: the server keeps a transaction's state per connection and
     * does not let CL wrap its commands (WATCH reads at the connection's read level), and pub/sub
     * has no level.
     */
    private static final Set<String> UNWRAPPED = Set.of("multi", "exec", "discard", "watch", "unwatch", "publish", "pubsub");

    static final Set<String> NAMES = names();

    private static Set<String> names() {
        Set<String> names = new java.util.HashSet<>(Set.of("get", "set", "del", "incr", "cas", "ttl", "keys"));
        names.addAll(PLAIN.keySet());
        return Set.copyOf(names);
    }
    static final int DEFAULT_KEYS_SHOWN = 20;
    static final int MAX_KEYS_SHOWN = 100_000;

    private DataCommands() {
    }

    static DataRequest translate(String name, List<String> args, ConsistencySettings levels) {
        return switch (name) {
            case "get" -> new DataRequest(at(levels.read(), "GET", exactly(1, args, "get <key>")), DataRequest.ALL_ITEMS);
            case "ttl" -> new DataRequest(at(levels.read(), "TTL", exactly(1, args, "ttl <key>")), DataRequest.ALL_ITEMS);
            case "incr" -> new DataRequest(at(levels.write(), "INCR", exactly(1, args, "incr <key>")), DataRequest.ALL_ITEMS);
            case "cas" -> new DataRequest(at(levels.write(), "CAS", exactly(3, args, "cas <key> <expected> <new>")),
                    DataRequest.ALL_ITEMS);
            case "del" -> {
                if (args.isEmpty()) {
                    throw new UsageException("usage: del <key> [key ...]");
                }
                yield new DataRequest(at(levels.write(), "DEL", args), DataRequest.ALL_ITEMS);
            }
            case "set" -> new DataRequest(at(levels.write(), "SET", setArgs(args)), DataRequest.ALL_ITEMS);
            case "keys" -> keys(args, levels.read());
            default -> plain(name, args, levels);
        };
    }

    private static DataRequest plain(String name, List<String> args, ConsistencySettings levels) {
        Plain plain = PLAIN.get(name);
        if (plain == null) {
            throw new IllegalArgumentException("not a data command: " + name);
        }
        if (args.size() < plain.minArgs() || args.size() > plain.maxArgs()) {
            throw new UsageException("usage: " + plain.usage());
        }
        if (UNWRAPPED.contains(name)) {
            List<String> command = new ArrayList<>(args.size() + 1);
            command.add(name.toUpperCase(Locale.ROOT));
            command.addAll(args);
            return new DataRequest(command, DataRequest.ALL_ITEMS);
        }
        ConsistencyLevel level = plain.writes() ? levels.write() : levels.read();
        return new DataRequest(at(level, name.toUpperCase(Locale.ROOT), args), DataRequest.ALL_ITEMS);
    }

    private static List<String> at(ConsistencyLevel level, String command, List<String> args) {
        List<String> out = new ArrayList<>(args.size() + 3);
        out.add("CL");
        out.add(level.name());
        out.add(command);
        out.addAll(args);
        return out;
    }

    private static List<String> exactly(int count, List<String> args, String usage) {
        if (args.size() != count) {
            throw new UsageException("usage: " + usage);
        }
        return args;
    }

    /** {@code <key> <value> [ex SECONDS] [nx|xx]}, options in any order, each at most once. */
    private static List<String> setArgs(List<String> args) {
        String usage = "usage: set <key> <value> [ex SECONDS] [nx|xx]";
        if (args.size() < 2) {
            throw new UsageException(usage);
        }
        List<String> out = new ArrayList<>(args.subList(0, 2));
        String seconds = null;
        String condition = null;
        for (int i = 2; i < args.size(); i++) {
            String option = args.get(i).toLowerCase(Locale.ROOT);
            if (option.equals("ex") && seconds == null && i + 1 < args.size()) {
                seconds = positive(args.get(++i), "ex SECONDS");
            } else if ((option.equals("nx") || option.equals("xx")) && condition == null) {
                condition = option.toUpperCase(Locale.ROOT);
            } else {
                throw new UsageException("unexpected '" + args.get(i) + "'; " + usage);
            }
        }
        if (seconds != null) {
            out.add("EX");
            out.add(seconds);
        }
        if (condition != null) {
            out.add(condition);
        }
        return out;
    }

    /** {@code keys [pattern] [count]}: the server lists the matches, the shell shows the first count. */
    private static DataRequest keys(List<String> args, ConsistencyLevel read) {
        if (args.size() > 2) {
            throw new UsageException("usage: keys [pattern] [count]");
        }
        String pattern = args.isEmpty() ? "*" : args.get(0);
        int shown = DEFAULT_KEYS_SHOWN;
        if (args.size() == 2) {
            shown = Integer.parseInt(positive(args.get(1), "count"));
            if (shown > MAX_KEYS_SHOWN) {
                throw new UsageException("count " + shown + " (expected: <= " + MAX_KEYS_SHOWN + ")");
            }
        }
        return new DataRequest(at(read, "KEYS", List.of(pattern)), shown);
    }

    private static String positive(String text, String what) {
        try {
            if (Long.parseLong(text) > 0) {
                return text;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the same message as zero or a negative number
        }
        throw new UsageException(what + " must be a positive integer, got '" + text + "'");
    }
}
