package io.ringkv.cli.shell;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every command the shell knows, with its usage and one line saying what it does: the single
 * list that {@code help}, completion and "did you mean" read.
 */
record CommandHelp(String name, String usage, String summary) {
    static final List<CommandHelp> ALL = List.of(
            new CommandHelp("get", "get <key>", "read a key at the read consistency"),
            new CommandHelp("set", "set <key> <value> [ex SECONDS] [nx|xx]", "write a key at the write consistency"),
            new CommandHelp("del", "del <key> [key ...]", "delete keys at the write consistency"),
            new CommandHelp("incr", "incr <key>", "add one to an integer value"),
            new CommandHelp("cas", "cas <key> <expected> <new>",
                    "set the key to new if it holds expected; answers 1 and new, or 0 and the current value (exact at strong)"),
            new CommandHelp("ttl", "ttl <key>", "seconds a key has left (-1: no expiry, -2: no key)"),
            new CommandHelp("keys", "keys [pattern] [count]", "list keys matching a glob pattern (default *), at most count (default 20)"),
            new CommandHelp("consistency", ConsistencySettings.USAGE,
                    "show the session's levels, or set both, or only read or write"),
            new CommandHelp("status", "status", "the nodes of the ring, nodetool-style: Up/Down, load, ownership"),
            new CommandHelp("ring", "ring [key]", "the ring's tokens and their nodes, or where a key lives"),
            new CommandHelp("info", "info [section]", "the server's INFO, all sections or one"),
            new CommandHelp("repair", "repair [full | <start> <end>]", "anti-entropy repair of every range, or of one"),
            new CommandHelp("fault", "fault [--yes] <args ...>",
                    "inject or clear a fault on the server (FAULT args); 'fault list' shows the active ones"),
            new CommandHelp("tracing", "tracing on|off", "show how each request was served: replicas, versions, repairs"),
            new CommandHelp("bench", "bench [options]", "YCSB-style benchmark against the connected node ('help bench' for options)"),
            new CommandHelp("help", "help [command]", "list the commands, or describe one"),
            new CommandHelp("exit", "exit", "leave the shell (also: quit, Ctrl-D)"),
            new CommandHelp("quit", "quit", "leave the shell"));

    static List<String> names() {
        return ALL.stream().map(CommandHelp::name).toList();
    }

    static Optional<CommandHelp> find(String name) {
        return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    static String overview() {
        int width = ALL.stream().mapToInt(command -> command.usage().length()).max().orElse(0);
        return ALL.stream().map(command -> command.usage() + " ".repeat(width - command.usage().length() + 2)
                + command.summary()).collect(Collectors.joining("\n", "", "\n"));
    }
}
