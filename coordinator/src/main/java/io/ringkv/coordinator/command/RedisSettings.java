package io.ringkv.coordinator.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis configuration knobs clients and tools set with CONFIG SET (encoding thresholds,
 * lazyfree, maxmemory, notify-keyspace-events...), with Redis 7.0's names, defaults, aliases and
 * checks, held per node in memory as Redis holds them without CONFIG REWRITE. Where one means
 * something here it is read from here (the encoding thresholds, by OBJECT ENCODING); the others
 * are stored and answered so that tools which set them work unchanged.
 */
final class RedisSettings {
    private enum Kind { INTEGER, BOOLEAN, CHOICE, MEMORY, TEXT, EVENTS, FIXED }

    private record Setting(String name, Kind kind, String initial, long min, long max, List<String> choices, String alias) {
    }

    private static final List<String> POLICIES = List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
            "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
    /** notify-keyspace-events' classes in the order Redis writes them; A is all but m and n. */
    private static final String EVENT_CLASSES = "g$lshzxetdn";
    private static final String ALL_EVENTS = "g$lshzxetd";

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        integer("hash-max-listpack-entries", 512, 0, Long.MAX_VALUE, "hash-max-ziplist-entries");
        integer("hash-max-listpack-value", 64, 0, Long.MAX_VALUE, "hash-max-ziplist-value");
        integer("set-max-intset-entries", 512, 0, Long.MAX_VALUE, null);
        integer("zset-max-listpack-entries", 128, 0, Long.MAX_VALUE, "zset-max-ziplist-entries");
        integer("zset-max-listpack-value", 64, 0, Long.MAX_VALUE, "zset-max-ziplist-value");
        integer("list-max-listpack-size", -2, Integer.MIN_VALUE, Integer.MAX_VALUE, "list-max-ziplist-size");
        integer("list-compress-depth", 0, 0, Integer.MAX_VALUE, null);
        add(new Setting("stream-node-max-bytes", Kind.MEMORY, "4096", 0, Long.MAX_VALUE, List.of(), null));
        integer("stream-node-max-entries", 100, 0, Long.MAX_VALUE, null);
        for (String lazy : List.of("lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
                "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush", "activedefrag")) {
            add(new Setting(lazy, Kind.BOOLEAN, "no", 0, 0, List.of(), null));
        }
        add(new Setting("activerehashing", Kind.BOOLEAN, "yes", 0, 0, List.of(), null));
        add(new Setting("latency-tracking", Kind.BOOLEAN, "yes", 0, 0, List.of(), null));
        add(new Setting("maxmemory", Kind.MEMORY, "0", 0, Long.MAX_VALUE, List.of(), null));
        add(new Setting("maxmemory-policy", Kind.CHOICE, "noeviction", 0, 0, POLICIES, null));
        integer("maxmemory-samples", 5, 1, Integer.MAX_VALUE, null);
        integer("lfu-log-factor", 10, 0, Integer.MAX_VALUE, null);
        integer("lfu-decay-time", 1, 0, Integer.MAX_VALUE, null);
        add(new Setting("save", Kind.TEXT, "", 0, 0, List.of(), null));
        add(new Setting("notify-keyspace-events", Kind.EVENTS, "", 0, 0, List.of(), null));
        integer("timeout", 0, 0, Integer.MAX_VALUE, null);
        integer("tcp-keepalive", 300, 0, Integer.MAX_VALUE, null);
        integer("hz", 10, 0, Integer.MAX_VALUE, null);
        integer("slowlog-log-slower-than", 10_000, -1, Long.MAX_VALUE, null);
        integer("slowlog-max-len", 128, 0, Long.MAX_VALUE, null);
        integer("lua-time-limit", 5_000, 0, Long.MAX_VALUE, "busy-reply-threshold");
        integer("active-expire-effort", 1, 1, 10, null);
        // ringkv always keeps its AOF and has one database: answered, not changeable.
        add(new Setting("appendonly", Kind.FIXED, "yes", 0, 0, List.of(), null));
        add(new Setting("databases", Kind.FIXED, "1", 0, 0, List.of(), null));
    }

    private static void integer(String name, long initial, long min, long max, String alias) {
        add(new Setting(name, Kind.INTEGER, Long.toString(initial), min, max, List.of(), alias));
    }

    private static void add(Setting setting) {
        SETTINGS.put(setting.name(), setting);
        if (setting.alias() != null) {
            SETTINGS.put(setting.alias(), setting);
        }
    }

    private final Map<String, String> values = new ConcurrentHashMap<>();

    RedisSettings() {
        SETTINGS.values().forEach(setting -> values.put(setting.name(), setting.initial()));
    }

    /** An integer setting's value (by either of its names). */
    /** A setting's current value as CONFIG GET shows it. */
    String text(String name) {
        return values.get(SETTINGS.get(name).name());
    }

    long integer(String name) {
        return Long.parseLong(values.get(SETTINGS.get(name).name()));
    }

    /** Every name (aliases included) matching one of the patterns, with its value. */
    Map<String, String> matching(List<String> patterns) {
        Map<String, String> found = new LinkedHashMap<>();
        SETTINGS.forEach((name, setting) -> {
            if (patterns.stream().anyMatch(pattern -> Glob.matches(pattern.toLowerCase(Locale.ROOT), name))) {
                found.put(name, values.get(setting.name()));
            }
        });
        return found;
    }

    boolean knows(String name) {
        return SETTINGS.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * CONFIG SET of name, value pairs: every pair checked first, then all applied, or none.
     *
     * @throws CommandException with Redis's words for a duplicate, a value out of range or of the wrong form
     */
    void set(List<String> namesAndValues) {
        Map<String, String> parsed = new LinkedHashMap<>();
        java.util.Set<String> givenNames = new java.util.HashSet<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            String given = namesAndValues.get(i).toLowerCase(Locale.ROOT);
            Setting setting = SETTINGS.get(given);
            // A name twice is refused; a name and its alias are not (the later counts), as in Redis.
            if (!givenNames.add(given)) {
                throw failed(given, "duplicate parameter");
            }
            parsed.put(setting.name(), parse(setting, given, namesAndValues.get(i + 1)));
        }
        values.putAll(parsed);
    }

    private static String parse(Setting setting, String given, String text) {
        switch (setting.kind()) {
            case INTEGER -> {
                long value;
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw failed(given, "argument couldn't be parsed into an integer");
                }
                if (value < setting.min() || value > setting.max()) {
                    throw failed(given, "argument must be between " + setting.min() + " and " + setting.max() + " inclusive");
                }
                return Long.toString(value);
            }
            case BOOLEAN -> {
                String lower = text.toLowerCase(Locale.ROOT);
                if (!lower.equals("yes") && !lower.equals("no")) {
                    throw failed(given, "argument must be 'yes' or 'no'");
                }
                return lower;
            }
            case CHOICE -> {
                String lower = text.toLowerCase(Locale.ROOT);
                if (!setting.choices().contains(lower)) {
                    throw failed(given, "argument(s) must be one of the following: " + String.join(", ", setting.choices()));
                }
                return lower;
            }
            case MEMORY -> {
                Long bytes = memory(text);
                if (bytes == null) {
                    throw failed(given, "argument must be a memory value");
                }
                return Long.toString(bytes);
            }
            case EVENTS -> {
                return events(given, text);
            }
            case FIXED -> throw failed(given, "can't set immutable config");
            default -> {
                return text;
            }
        }
    }

    /** A memory amount as Redis reads it: digits with an optional k, kb, m, mb, g or gb (any case); null if not one. */
    static Long memory(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = lower;
        for (String[] suffix : new String[][] {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"},
                {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}}) {
            if (lower.endsWith(suffix[0])) {
                digits = lower.substring(0, lower.length() - suffix[0].length());
                unit = Long.parseLong(suffix[1]);
                break;
            }
        }
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return null;
        }
        long value = Long.parseLong(digits);
        return value > Long.MAX_VALUE / unit ? null : value * unit;
    }

    /** notify-keyspace-events in Redis's canonical form: the classes (or A), then K, E and m. */
    private static String events(String given, String text) {
        StringBuilder classes = new StringBuilder();
        boolean keyspace = false;
        boolean keyevent = false;
        boolean miss = false;
        for (char c : text.toCharArray()) {
            if (c == 'A') {
                classes.append(ALL_EVENTS);
            } else if (c == 'K') {
                keyspace = true;
            } else if (c == 'E') {
                keyevent = true;
            } else if (c == 'm') {
                miss = true;
            } else if (EVENT_CLASSES.indexOf(c) >= 0) {
                classes.append(c);
            } else {
                throw failed(given, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
        }
        StringBuilder out = new StringBuilder();
        boolean all = ALL_EVENTS.chars().allMatch(c -> classes.indexOf(String.valueOf((char) c)) >= 0);
        if (all) {
            out.append('A');
            if (classes.indexOf("n") >= 0) {
                out.append('n');
            }
        } else {
            for (char c : EVENT_CLASSES.toCharArray()) {
                if (classes.indexOf(String.valueOf(c)) >= 0) {
                    out.append(c);
                }
            }
        }
        return out + (keyspace ? "K" : "") + (keyevent ? "E" : "") + (miss ? "m" : "");
    }

    private static CommandException failed(String name, String why) {
        return new CommandException("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }

    /** CONFIG HELP's lines. */
    static List<String> help() {
        return new ArrayList<>(List.of(
                "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file.",
                "HELP",
                "    Prints this help."));
    }
}
