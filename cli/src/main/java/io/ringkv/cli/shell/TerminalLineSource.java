package io.ringkv.cli.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell's input: JLine line editing, history kept in {@code ~/.ringkv_history},
 * tab completion. Ctrl-C abandons the line being typed; Ctrl-D at an empty line ends the shell.
 */
final class TerminalLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;

    private TerminalLineSource(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    static TerminalLineSource open() throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ringkv")
                .completer(new ShellCompleter())
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".ringkv_history"))
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .build();
        return new TerminalLineSource(terminal, reader);
    }

    /** Output must go through the terminal while JLine owns it, or prompts and output interleave badly. */
    PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String readLine(String prompt) {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException abandoned) {
            return "";
        } catch (EndOfFileException end) {
            return null;
        }
    }

    @Override
    public String ask(String question) {
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return readLine(question);
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    /**
     * Saves the history but leaves the terminal open: closing JLine's system terminal closes the
     * process's standard output too, and {@code cluster up} still prints after the shell. Each
     * {@code readLine} restores the terminal's modes as it returns, and JLine closes the terminal
     * itself when the JVM exits.
     */
    @Override
    public void close() throws IOException {
        reader.getHistory().save();
        terminal.flush();
    }
}
