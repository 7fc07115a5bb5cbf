package io.ringkv.cli.shell;

import io.ringkv.cli.RingkvVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringkv shell}: the admin shell, at a terminal, over a script on stdin, or for one {@code -e} line. */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "Interactive admin shell over RESP: data commands at a consistency level, "
        + "status, ring, repair, faults, tracing, bench. Type 'help' inside.")
public final class ShellCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    io.ringkv.cli.NodeAddress node = new io.ringkv.cli.NodeAddress();

    @Option(names = "-e", paramLabel = "COMMANDS",
            description = "run these commands (separated by ';') and exit; non-zero exit if one failed")
    String commands;

    @Option(names = "--json", description = "status, ring, info and repair print one JSON object each")
    boolean json;

    @Option(names = "--timeout-ms", defaultValue = "60000",
            description = "how long to wait for a reply, e.g. one range's repair (default: ${DEFAULT-VALUE})")
    int timeoutMs;

    @Override
    public Integer call() throws IOException {
        try (LineSource input = input()) {
            PrintWriter out = input instanceof TerminalLineSource terminal ? terminal.writer() : spec.commandLine().getOut();
            NodeConnection connection;
            try {
                connection = NodeConnection.open(node.host, node.port, timeoutMs, out);
            } catch (IOException e) {
                spec.commandLine().getErr().println("ringkv shell: cannot connect to " + node.host + ":" + node.port + ": "
                        + e.getMessage());
                return 1;
            }
            try (connection) {
                return new Shell(connection, out, input, json).run();
            }
        }
    }

    private LineSource input() throws IOException {
        if (commands != null) {
            return new ScriptLineSource(commands);
        }
        // No console means stdin or stdout is redirected: read a script, print no prompts.
        return System.console() != null ? TerminalLineSource.open() : new StreamLineSource(System.in);
    }
}
