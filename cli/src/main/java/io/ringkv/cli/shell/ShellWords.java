package io.ringkv.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits what the user typed into commands and words, as a Unix shell would in the simple cases:
 * whitespace separates words, {@code ;} separates commands, single quotes keep text as is, double
 * quotes keep text but honour {@code \"} and {@code \\}. A value with spaces is written
 * {@code set greeting "hello world"}.
 */
final class ShellWords {
    private ShellWords() {
    }

    /** The commands on one line, each as its words; empty commands (e.g. {@code ;;}) are dropped. */
    static List<List<String>> commands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c) || c == ';') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == ';') {
                    endCommand(commands, words);
                    words = new ArrayList<>();
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unbalanced " + quote + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        endCommand(commands, words);
        return commands;
    }

    private static void endCommand(List<List<String>> commands, List<String> words) {
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
    }
}
