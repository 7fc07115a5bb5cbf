package io.ringkv.cli.repair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a replica set reported for one repaired range, parsed from a line of the {@code REPAIR
 * <start> <end>} reply:
 * {@code range=(s, e] replicas=1,2,3 keys_compared=N keys_repaired=N bytes_sent=N duration_ms=N status=ok}.
 */
public record RangeRepairReport(String range, List<Integer> replicas, long keysCompared, long keysRepaired,
                                long bytesSent, long durationMs, String status) {
    // The range holds a space ("(s, e]"), so it is taken whole before the rest splits on spaces.
    private static final Pattern RANGE = Pattern.compile("^range=(\\(.*?\\])\\s*(.*)$");

    public RangeRepairReport {
        replicas = List.copyOf(replicas);
    }

    public boolean ok() {
        return status.equals("ok");
    }

    public static RangeRepairReport parse(String line) {
        Matcher m = RANGE.matcher(line.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected 'range=(start, end] ...' in the REPAIR reply, got '" + line + "'");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : m.group(2).split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new RangeRepairReport(m.group(1), replicas(fields.getOrDefault("replicas", "")),
                    number(fields, "keys_compared"), number(fields, "keys_repaired"), number(fields, "bytes_sent"),
                    number(fields, "duration_ms"), fields.getOrDefault("status", "missing"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in the REPAIR reply '" + line + "': " + e.getMessage());
        }
    }

    private static long number(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static List<Integer> replicas(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String id : text.split(",")) {
            if (!id.isBlank()) {
                ids.add(Integer.parseInt(id.trim()));
            }
        }
        return ids;
    }
}
