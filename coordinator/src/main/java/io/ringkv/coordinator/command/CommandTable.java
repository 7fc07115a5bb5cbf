package io.ringkv.coordinator.command;

import io.ringkv.coordinator.metrics.CommandLatencies;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every command the node answers, by upper-case name. Filled once at start, then read-only. */
public final class CommandTable {
    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    /** Upper- and lower-case spellings, so the usual client spellings are found without case folding. */
    private final Map<String, CommandSpec> bySpelling = new HashMap<>();
    private final CommandLatencies latencies;

    CommandTable(CommandLatencies latencies) {
        this.latencies = latencies;
    }

    void add(String name, int arity, List<String> flags, int firstKey, int lastKey, int keyStep,
             CommandHandler handler) {
        CommandSpec spec = new CommandSpec(name, arity, flags, firstKey, lastKey, keyStep, handler,
                latencies.forCommand(name));
        if (byName.putIfAbsent(name, spec) != null) {
            throw new IllegalStateException("command registered twice: " + name);
        }
        bySpelling.put(name, spec);
        bySpelling.put(name.toLowerCase(Locale.ROOT), spec);
    }

    public CommandSpec find(String upperName) {
        return byName.get(upperName);
    }

    public CommandSpec find(byte[] name) {
        CommandSpec spec = bySpelling.get(new String(name, StandardCharsets.ISO_8859_1));
        return spec != null ? spec : byName.get(Args.upper(name));
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public int size() {
        return byName.size();
    }

    /** The nearest known command name, for "did you mean" hints; null when nothing is close. */
    public String suggest(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String known : byName.keySet()) {
            int d = editDistance(upper, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
