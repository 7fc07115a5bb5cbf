package io.ringkv.cli.shell;

import io.ringkv.cli.RespClient.RespError;
import java.util.List;

/**
 * Renders a RESP reply for people, in redis-cli's manner: {@code (nil)}, {@code (integer) 3},
 * {@code (error) …}, numbered array items; strings as they are.
 */
final class ReplyFormat {
    private ReplyFormat() {
    }

    static String format(Object reply) {
        return format(reply, DataRequest.ALL_ITEMS);
    }

    /** As {@link #format(Object)}, with at most {@code maxItems} items of a top-level array and a count of the rest. */
    static String format(Object reply, int maxItems) {
        StringBuilder out = new StringBuilder();
        append(out, reply, "", maxItems);
        return out.toString();
    }

    private static void append(StringBuilder out, Object reply, String indent, int maxItems) {
        if (reply == null) {
            out.append("(nil)");
        } else if (reply instanceof Long number) {
            out.append("(integer) ").append(number);
        } else if (reply instanceof RespError error) {
            out.append("(error) ").append(error.message());
        } else if (reply instanceof List<?> items) {
            appendArray(out, items, indent, maxItems);
        } else {
            out.append(reply);
        }
    }

    private static void appendArray(StringBuilder out, List<?> items, String indent, int maxItems) {
        if (items.isEmpty()) {
            out.append("(empty array)");
            return;
        }
        int shown = Math.min(items.size(), maxItems);
        int numberWidth = String.valueOf(shown).length();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                out.append('\n').append(indent);
            }
            String number = String.format("%" + numberWidth + "d) ", i + 1);
            out.append(number);
            append(out, items.get(i), indent + " ".repeat(number.length()), DataRequest.ALL_ITEMS);
        }
        if (shown < items.size()) {
            out.append('\n').append(indent).append("(").append(items.size() - shown).append(" more not shown; ")
                    .append(shown).append(" of ").append(items.size()).append(")");
        }
    }
}
