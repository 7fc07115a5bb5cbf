package io.ringkv.cli.shell;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean": the known name closest to a mistyped one by Levenshtein distance, offered only
 * when it is near enough to be a typo (at most half the typed length, and at least 2 edits
 * allowed), so that nonsense is not answered with a random command.
 */
final class CommandSuggestion {
    private CommandSuggestion() {
    }

    static Optional<String> closest(String typed, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names) {
            int distance = editDistance(typed, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, typed.length() / 2);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** "unknown command 'x'; did you mean 'y'?", or a pointer to help when nothing is close. */
    static String unknownCommandMessage(String typed, Collection<String> names) {
        return closest(typed, names).map(name -> "unknown command '" + typed + "'; did you mean '" + name + "'?")
                .orElse("unknown command '" + typed + "'; type 'help' for the list");
    }

    /** Insertions, deletions and substitutions to turn {@code a} into {@code b}; two rows of the table. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
