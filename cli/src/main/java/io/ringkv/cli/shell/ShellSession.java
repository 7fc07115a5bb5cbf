package io.ringkv.cli.shell;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import io.ringkv.cli.RespClient.RespError;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What the shell's commands share: the connection, the session's consistency levels, where to
 * print, whether to print JSON, and the input (to ask for confirmation at a terminal).
 */
final class ShellSession {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    final NodeConnection connection;
    final PrintWriter out;
    final LineSource input;
    final boolean json;
    /** After each data command, show the server's trace of it (TRACING LAST). */
    boolean tracing;
    private ConsistencySettings consistency = ConsistencySettings.DEFAULT;

    ShellSession(NodeConnection connection, PrintWriter out, LineSource input, boolean json) {
        this.connection = connection;
        this.out = out;
        this.input = input;
        this.json = json;
    }

    ConsistencySettings consistency() {
        return consistency;
    }

    void consistency(ConsistencySettings settings) {
        consistency = settings;
    }

    /** Prints a reply as redis-cli would; returns false for an error reply. */
    boolean printReply(Object reply, int maxItems) {
        out.println(ReplyFormat.format(reply, maxItems));
        return !(reply instanceof RespError);
    }

    /** One JSON object on one line, so a script can read a command's answer per line. */
    void printJson(JsonElement value) {
        out.println(GSON.toJson(value));
    }

    /**
     * The server's answer, or null after printing it when it is an error reply (as JSON in
     * {@code --json} mode, so each command still prints one object).
     */
    Object callOrPrintError(String... args) throws IOException {
        Object reply = connection.call(args);
        if (reply instanceof RespError error) {
            if (json) {
                printJson(JsonViews.error(error.message()));
            } else {
                printReply(reply, DataRequest.ALL_ITEMS);
            }
            return null;
        }
        return reply;
    }
}
