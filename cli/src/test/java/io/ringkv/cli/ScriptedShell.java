package io.ringkv.cli;

import static org.awaitility.Awaitility.await;

import io.ringkv.cli.shell.NodeConnection;
import io.ringkv.cli.shell.Shell;
import io.ringkv.cli.shell.StreamLineSource;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The admin shell run in this JVM on its own thread, fed through a pipe as a script on stdin
 * would feed it, its output collected for the test to read. Lines are typed one at a time, so a
 * test can act between commands (kill a node) and wait for each answer.
 */
final class ScriptedShell implements AutoCloseable {
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    static final int REPLY_TIMEOUT_MS = 10_000;

    private final PipedOutputStream typing;
    private final StringWriter output = new StringWriter();
    private volatile Thread shellThread;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        shellThread = new Thread(task, "scripted-shell");
        return shellThread;
    });
    private final Future<Integer> exitCode;

    private ScriptedShell(String host, int port) throws IOException {
        PipedInputStream stdin = new PipedInputStream(64 * 1024);
        typing = new PipedOutputStream(stdin);
        PrintWriter out = new PrintWriter(output, true);
        NodeConnection connection = NodeConnection.open(host, port, REPLY_TIMEOUT_MS, out);
        Shell shell = new Shell(connection, out, new StreamLineSource(stdin), false);
        exitCode = thread.submit(() -> {
            try (connection) {
                return shell.run();
            }
        });
    }

    static ScriptedShell connect(String host, int port) throws IOException {
        return new ScriptedShell(host, port);
    }

    /** Types one line and waits until the output has grown past {@code expected} after it. */
    String type(String line, String expected) throws IOException {
        int mark = output.getBuffer().length();
        typing.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        typing.flush();
        try {
            await().atMost(ANSWER_TIMEOUT).until(() -> output.getBuffer().substring(mark).contains(expected));
        } catch (ConditionTimeoutException e) {
            // Say what the shell did print, so a rare failure explains itself.
            throw new AssertionError("after '" + line + "' the shell printed no '" + expected + "' within "
                    + ANSWER_TIMEOUT.toSeconds() + " s; it printed: " + output.getBuffer().substring(mark)
                    + "\nthe shell's thread is at:\n" + stackOf(shellThread), e);
        }
        return output.getBuffer().substring(mark);
    }

    private static String stackOf(Thread shell) {
        if (shell == null) {
            return "(not started)";
        }
        StringBuilder trace = new StringBuilder(shell.getState().toString());
        for (StackTraceElement frame : shell.getStackTrace()) {
            trace.append("\n\tat ").append(frame);
        }
        return trace.toString();
    }

    String output() {
        return output.toString();
    }

    /** Ends the input as a script's end would, and returns the shell's exit code. */
    int endOfInput() throws Exception {
        typing.close();
        return exitCode.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        typing.close();
        thread.shutdownNow();
    }
}
