package io.ringkv.cli.shell;

import io.ringkv.cli.BenchCommand;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What tab may complete next, given the words already typed before the cursor: command names
 * first, then each command's subcommands, options or consistency levels. Pure, so the JLine
 * completer is a thin adapter.
 */
final class CompletionCandidates {
    static final List<String> LEVELS = Arrays.stream(ConsistencyLevel.values())
            .map(level -> level.name().toLowerCase(Locale.ROOT)).toList();
    static final List<String> INFO_SECTIONS = List.of("all", "server", "clients", "memory", "persistence", "stats",
            "replication", "keyspace", "consistency", "latency", "ring", "repair");

    private CompletionCandidates() {
    }

    /** Candidates for the word after {@code before}; empty when the next word is free text such as a key. */
    static List<String> after(List<String> before) {
        if (before.isEmpty()) {
            return CommandHelp.names();
        }
        String command = before.get(0).toLowerCase(Locale.ROOT);
        int position = before.size();
        return switch (command) {
            case "consistency" -> consistency(before);
            case "set" -> position >= 3 ? List.of("ex", "nx", "xx") : List.of();
            case "repair" -> position == 1 ? List.of("full") : List.of();
            case "fault" -> position == 1 ? List.of("list", "--yes") : List.of();
            case "tracing" -> position == 1 ? List.of("on", "off") : List.of();
            case "info" -> position == 1 ? INFO_SECTIONS : List.of();
            case "help" -> position == 1 ? CommandHelp.names() : List.of();
            case "bench" -> BenchCommand.optionNames();
            default -> List.of();
        };
    }

    private static List<String> consistency(List<String> before) {
        if (before.size() == 1) {
            List<String> words = new ArrayList<>(List.of("read", "write"));
            words.addAll(LEVELS);
            return words;
        }
        String previous = before.get(1).toLowerCase(Locale.ROOT);
        return before.size() == 2 && (previous.equals("read") || previous.equals("write")) ? LEVELS : List.of();
    }
}
