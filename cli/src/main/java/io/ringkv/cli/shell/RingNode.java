package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One node as a line of the server's {@code RING} reply describes it:
 * {@code node=1 address=127.0.0.1:7101 resp=7001 status=Up state=NORMAL owns=0.333 tokens=16}.
 * The address is the node's internode (gRPC) address; clients reach it on {@code respPort}, which
 * is {@link #UNKNOWN_PORT} when the line has no {@code resp=} (a single node without seeds).
 */
record RingNode(int id, String address, int respPort, String status, String state, double owns, int tokens) {
    static final int UNKNOWN_PORT = -1;

    boolean up() {
        return status.equalsIgnoreCase("Up");
    }

    /** nodetool's two letters: U or D, then the state's initial (N, J, L). */
    String statusCode() {
        return (up() ? "U" : "D") + (state.isEmpty() ? "?" : state.substring(0, 1).toUpperCase(Locale.ROOT));
    }

    static List<RingNode> parseAll(List<String> lines) {
        List<RingNode> nodes = new ArrayList<>(lines.size());
        for (String line : lines) {
            nodes.add(parse(line));
        }
        return nodes;
    }

    static RingNode parse(String line) {
        Map<String, String> fields = fields(line);
        if (!fields.containsKey("node")) {
            throw new IllegalArgumentException("expected 'node=<id> ...' in the RING reply, got '" + line + "'");
        }
        try {
            return new RingNode(Integer.parseInt(fields.get("node")), fields.getOrDefault("address", "?"),
                    Integer.parseInt(fields.getOrDefault("resp", String.valueOf(UNKNOWN_PORT))),
                    fields.getOrDefault("status", "?"), fields.getOrDefault("state", ""),
                    Double.parseDouble(fields.getOrDefault("owns", "0")),
                    Integer.parseInt(fields.getOrDefault("tokens", "0")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in the RING reply '" + line + "': " + e.getMessage());
        }
    }

    /** The {@code name=value} words of a line; other words (such as a trailing note) are skipped. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String word : line.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.put(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return fields;
    }
}
