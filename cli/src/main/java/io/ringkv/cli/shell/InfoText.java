package io.ringkv.cli.shell;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the text of an {@code INFO} reply: {@code # Section} headings, then {@code key:value}
 * lines. Used for {@code info --json} and for a node's key count in {@code status}.
 */
final class InfoText {
    private InfoText() {
    }

    /** Sections by lower-case name, each its fields in order. Lines before any heading go to "info". */
    static Map<String, Map<String, String>> sections(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("#")) {
                current = sections.computeIfAbsent(line.substring(1).trim().toLowerCase(Locale.ROOT),
                        name -> new LinkedHashMap<>());
            } else if (line.contains(":")) {
                if (current == null) {
                    current = sections.computeIfAbsent("info", name -> new LinkedHashMap<>());
                }
                int colon = line.indexOf(':');
                current.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return sections;
    }

    /** Live keys over every {@code dbN:keys=K,...} line; none means an empty node (0). */
    static long keyCount(String keyspaceText) {
        long keys = 0;
        for (String line : keyspaceText.split("\r?\n")) {
            if (line.startsWith("db") && line.contains(":")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("keys=")) {
                        keys += Long.parseLong(field.substring("keys=".length()).trim());
                    }
                }
            }
        }
        return keys;
    }
}
