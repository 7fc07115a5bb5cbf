package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a key lives, from the {@code RING KEY <key>} reply's lines {@code key=<k>},
 * {@code token=<t>} and {@code replicas=<id>,<id>,…} (replicas in ring order, the primary first).
 */
record KeyPlacement(String key, long token, List<Integer> replicas) {

    KeyPlacement {
        replicas = List.copyOf(replicas);
    }

    static KeyPlacement parse(List<String> lines) {
        String key = null;
        Long token = null;
        List<Integer> replicas = null;
        try {
            for (String line : lines) {
                // The key is everything after "key=", so a key with spaces or '=' stays whole.
                if (line.startsWith("key=")) {
                    key = line.substring("key=".length());
                } else if (line.startsWith("token=")) {
                    token = Long.parseLong(line.substring("token=".length()).trim());
                } else if (line.startsWith("replicas=")) {
                    replicas = ids(line.substring("replicas=".length()));
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in the RING KEY reply: " + e.getMessage());
        }
        if (key == null || token == null || replicas == null) {
            throw new IllegalArgumentException("expected key=, token= and replicas= lines in the RING KEY reply, got "
                    + lines);
        }
        return new KeyPlacement(key, token, replicas);
    }

    String render() {
        return "key       " + key + "\ntoken     " + token + "\nreplicas  "
                + replicas.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (replicas.isEmpty() ? "" : "  (primary: node " + replicas.get(0) + ")") + "\n";
    }

    private static List<Integer> ids(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String id : text.split(",")) {
            if (!id.isBlank()) {
                ids.add(Integer.parseInt(id.trim()));
            }
        }
        return ids;
    }
}
