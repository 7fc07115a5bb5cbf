package io.ringkv.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-empty lines of a textual reply. Admin commands such as {@code RING} answer one bulk
 * string of lines; a server may equally answer an array of one line each, so both are accepted
 * and the parsers downstream see the same thing.
 */
public final class ReplyLines {
    private ReplyLines() {
    }

    /** Lines of a bulk or simple string, or of each string in an array; nothing for a nil reply. */
    public static List<String> of(Object reply) {
        List<String> lines = new ArrayList<>();
        collect(reply, lines);
        return lines;
    }

    private static void collect(Object reply, List<String> lines) {
        if (reply instanceof String text) {
            for (String line : text.split("\r?\n")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } else if (reply instanceof List<?> items) {
            for (Object item : items) {
                collect(item, lines);
            }
        } else if (reply != null) {
            lines.add(String.valueOf(reply));
        }
    }
}
