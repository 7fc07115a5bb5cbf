package io.ringkv.cli;

import io.ringkv.cli.shell.ShellCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ringkv} command: one entry point, a subcommand per job. */
@Command(name = "ringkv", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class,
        description = "A sharded, Cassandra-style key-value database that speaks the Redis protocol.",
        subcommands = {NodeCommand.class, ClusterCommand.class, ShellCommand.class, BenchCommand.class, RepairCommand.class, FaultCommand.class, ToxiproxyCommand.class,
            CommandLine.HelpCommand.class})
public final class RingkvCli implements Runnable {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("node")) {
            // A node's restart time counts (it is a figure we report): picocli's reflection over
            // every subcommand took about 0.3 s of it, so `node` builds only its own command.
            System.exit(nodeCommandLine().execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(commandLine().execute(args));
    }

    /** {@code ringkv node} alone, with the same help as in the whole tree. */
    static CommandLine nodeCommandLine() {
        return withKeyHelp(new CommandLine(new NodeCommand()).setCommandName("ringkv node"));
    }

    private static CommandLine withKeyHelp(CommandLine node) {
        node.getCommandSpec().usageMessage().footer(NodeCommand.keyHelp());
        return node;
    }

    /** The command tree, with the node's config keys listed in {@code ringkv node --help}. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new RingkvCli());
        withKeyHelp(line.getSubcommands().get("node"));
        return line;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
