package io.ringkv.cli.shell;

import java.io.IOException;

/** Where the shell's commands come from: a terminal with line editing, a script on stdin, or {@code -e}. */
public interface LineSource extends AutoCloseable {
    /** The next line, or null at the end of input. The prompt is shown only at a terminal. */
    String readLine(String prompt) throws IOException;

    /** True at a terminal: prompts, confirmation questions and progress redrawn in place. */
    boolean interactive();

    /** A yes/no answer typed at a terminal; not a command, so kept out of the history. */
    default String ask(String question) throws IOException {
        return readLine(question);
    }

    @Override
    default void close() throws IOException {
    }
}
