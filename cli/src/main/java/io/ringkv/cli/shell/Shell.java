package io.ringkv.cli.shell;

import io.ringkv.cli.ReplyLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The admin shell: reads commands from a {@link LineSource}, runs each against the connected
 * node, prints to a writer. Input and output are passed in, so a test drives it in-process just
 * as a terminal or a script would. A failing command (error reply, usage mistake, lost node) is
 * reported and the shell goes on; {@link #run} says at the end whether any failed.
 */
public final class Shell {
    private final ShellSession session;
    private final Map<String, ShellAction> actions = new HashMap<>();

    public Shell(NodeConnection connection, PrintWriter out, LineSource input, boolean json) {
        this.session = new ShellSession(connection, out, input, json);
        for (String name : DataCommands.NAMES) {
            actions.put(name, DataActions.data(name));
        }
        actions.put("consistency", DataActions::consistency);
        actions.put("status", ClusterActions::status);
        actions.put("ring", ClusterActions::ring);
        actions.put("info", ClusterActions::info);
        actions.put("repair", RepairAction::run);
        actions.put("fault", ServerSwitchActions::fault);
        actions.put("tracing", ServerSwitchActions::tracing);
        actions.put("bench", BenchAction::run);
        actions.put("help", HelpAction::run);
    }

    /**
     * Runs commands until the input ends or {@code exit}. Returns 0, or 1 when a command failed
     * and the input was a script ({@code -e} or stdin), so scripts can check.
     */
    public int run() throws IOException {
        learnRing();
        boolean anyFailed = false;
        while (true) {
            String line = session.input.readLine(prompt());
            if (line == null) {
                break;
            }
            List<List<String>> commands;
            try {
                commands = ShellWords.commands(line);
            } catch (IllegalArgumentException unbalanced) {
                session.out.println(unbalanced.getMessage());
                anyFailed = true;
                continue;
            }
            for (List<String> words : commands) {
                String name = words.get(0).toLowerCase(Locale.ROOT);
                if (name.equals("exit") || name.equals("quit")) {
                    return exitCode(anyFailed);
                }
                anyFailed |= !execute(name, words.subList(1, words.size()));
                session.out.flush();
            }
        }
        return exitCode(anyFailed);
    }

    private int exitCode(boolean anyFailed) {
        session.out.flush();
        return anyFailed && !session.input.interactive() ? 1 : 0;
    }

    /** {@code ringkv 127.0.0.1:7001 QUORUM> } at a terminal; scripts see no prompt at all. */
    String prompt() {
        return session.input.interactive()
                ? "ringkv " + session.connection.address() + " " + session.consistency().promptLabel() + "> "
                : "";
    }

    private boolean execute(String name, List<String> args) {
        ShellAction action = actions.get(name);
        if (action == null) {
            session.out.println(CommandSuggestion.unknownCommandMessage(name, CommandHelp.names()));
            return false;
        }
        try {
            return action.run(session, args);
        } catch (UsageException e) {
            session.out.println(e.getMessage());
        } catch (IOException e) {
            session.out.println("(error) " + e.getMessage());
        } catch (IllegalArgumentException unreadableReply) {
            session.out.println("(error) " + unreadableReply.getMessage());
        } catch (RuntimeException e) {
            // A bug of ours must not end the session either.
            session.out.println("(error) " + name + ": " + e);
        }
        return false;
    }

    /** The other nodes to fail over to, known before any {@code status}; a node without a ring has none. */
    private void learnRing() {
        try {
            Object reply = session.connection.call("RING");
            if (reply instanceof String) {
                session.connection.rememberRing(RingNode.parseAll(ReplyLines.of(reply)));
            }
        } catch (IOException | RuntimeException noRing) {
            // the first command will report the connection; failover then has only this node
        }
    }
}
