package io.ringkv.cli.shell;

import io.ringkv.cli.BenchCommand;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code help}: every command with a line each, or one command's usage. */
final class HelpAction {
    private HelpAction() {
    }

    static boolean run(ShellSession session, List<String> args) {
        if (args.isEmpty()) {
            session.out.print(CommandHelp.overview());
            session.out.println("Commands end at a newline or ';'. Quote values with spaces: set k \"a b\".");
            return true;
        }
        if (args.size() > 1) {
            throw new UsageException("usage: help [command]");
        }
        String name = args.get(0).toLowerCase(Locale.ROOT);
        Optional<CommandHelp> command = CommandHelp.find(name);
        if (command.isEmpty()) {
            session.out.println(CommandSuggestion.unknownCommandMessage(name, CommandHelp.names()));
            return false;
        }
        session.out.println("usage: " + command.get().usage());
        session.out.println(command.get().summary());
        if (name.equals("bench")) {
            session.out.print(BenchCommand.usage());
        }
        return true;
    }
}
