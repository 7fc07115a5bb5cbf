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
    static final Set<String> NAMES = Set.of("get", "set", "del", "incr", "cas", "ttl", "keys");
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
            default -> throw new IllegalArgumentException("not a data command: " + name);
        };
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
