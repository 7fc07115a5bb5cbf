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
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with the node's config keys listed in {@code ringkv node --help}. */
    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new RingkvCli());
        line.getSubcommands().get("node").getCommandSpec().usageMessage().footer(NodeCommand.keyHelp());
        return line;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
