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
            new CommandHelp("hset", DataCommands.PLAIN.get("hset").usage(), "set fields of a hash (answers how many were new)"),
            new CommandHelp("hsetnx", DataCommands.PLAIN.get("hsetnx").usage(), "set a field of a hash only if it is absent"),
            new CommandHelp("hget", DataCommands.PLAIN.get("hget").usage(), "read one field of a hash"),
            new CommandHelp("hmget", DataCommands.PLAIN.get("hmget").usage(), "read several fields of a hash"),
            new CommandHelp("hdel", DataCommands.PLAIN.get("hdel").usage(), "remove fields of a hash (the versions the read saw)"),
            new CommandHelp("hgetall", DataCommands.PLAIN.get("hgetall").usage(), "every field and value of a hash"),
            new CommandHelp("hkeys", DataCommands.PLAIN.get("hkeys").usage(), "every field name of a hash"),
            new CommandHelp("hvals", DataCommands.PLAIN.get("hvals").usage(), "every value of a hash"),
            new CommandHelp("hlen", DataCommands.PLAIN.get("hlen").usage(), "how many fields a hash has"),
            new CommandHelp("hexists", DataCommands.PLAIN.get("hexists").usage(), "1 if the hash has the field, else 0"),
            new CommandHelp("hstrlen", DataCommands.PLAIN.get("hstrlen").usage(), "the length of a field's value"),
            new CommandHelp("hincrby", DataCommands.PLAIN.get("hincrby").usage(), "add an integer to a field"),
            new CommandHelp("hincrbyfloat", DataCommands.PLAIN.get("hincrbyfloat").usage(), "add a decimal to a field"),
            new CommandHelp("hrandfield", DataCommands.PLAIN.get("hrandfield").usage(),
                    "random fields (a negative count may repeat them)"),
            new CommandHelp("hscan", DataCommands.PLAIN.get("hscan").usage(), "page through a hash's fields from a cursor (0 to start)"),
            new CommandHelp("sadd", DataCommands.PLAIN.get("sadd").usage(), "add members to a set (answers how many were new)"),
            new CommandHelp("srem", DataCommands.PLAIN.get("srem").usage(), "remove members of a set (the adds the read saw)"),
            new CommandHelp("smembers", DataCommands.PLAIN.get("smembers").usage(), "every member of a set"),
            new CommandHelp("sismember", DataCommands.PLAIN.get("sismember").usage(), "1 if the set has the member, else 0"),
            new CommandHelp("scard", DataCommands.PLAIN.get("scard").usage(), "how many members a set has"),
            new CommandHelp("smismember", DataCommands.PLAIN.get("smismember").usage(), "1 or 0 for each member asked"),
            new CommandHelp("srandmember", DataCommands.PLAIN.get("srandmember").usage(),
                    "random members (a negative count may repeat them)"),
            new CommandHelp("spop", DataCommands.PLAIN.get("spop").usage(), "remove and answer random members"),
            new CommandHelp("smove", DataCommands.PLAIN.get("smove").usage(), "move a member from one set to another"),
            new CommandHelp("sscan", DataCommands.PLAIN.get("sscan").usage(), "page through a set's members from a cursor (0 to start)"),
            new CommandHelp("sinter", DataCommands.PLAIN.get("sinter").usage(), "members in every set named (keys on any nodes)"),
            new CommandHelp("sunion", DataCommands.PLAIN.get("sunion").usage(), "members in any set named"),
            new CommandHelp("sdiff", DataCommands.PLAIN.get("sdiff").usage(), "members of the first set in none of the others"),
            new CommandHelp("sintercard", DataCommands.PLAIN.get("sintercard").usage(), "how many members the sets share"),
            new CommandHelp("sinterstore", DataCommands.PLAIN.get("sinterstore").usage(), "store sinter's answer as a set"),
            new CommandHelp("sunionstore", DataCommands.PLAIN.get("sunionstore").usage(), "store sunion's answer as a set"),
            new CommandHelp("sdiffstore", DataCommands.PLAIN.get("sdiffstore").usage(), "store sdiff's answer as a set"),
            new CommandHelp("getex", DataCommands.PLAIN.get("getex").usage(), "read a string and set or drop its expiry"),
            new CommandHelp("getrange", DataCommands.PLAIN.get("getrange").usage(), "bytes start..end of a string (negative: from the end)"),
            new CommandHelp("setrange", DataCommands.PLAIN.get("setrange").usage(), "overwrite a string from an offset (zero-padded)"),
            new CommandHelp("msetnx", DataCommands.PLAIN.get("msetnx").usage(), "set every key only if none exists"),
            new CommandHelp("lcs", DataCommands.PLAIN.get("lcs").usage(), "the longest common subsequence of two strings"),
            new CommandHelp("rename", DataCommands.PLAIN.get("rename").usage(), "move a value of any type to another key (any node)"),
            new CommandHelp("renamenx", DataCommands.PLAIN.get("renamenx").usage(), "rename only if the new key is absent"),
            new CommandHelp("copy", DataCommands.PLAIN.get("copy").usage(), "copy a value of any type to another key"),
            new CommandHelp("touch", DataCommands.PLAIN.get("touch").usage(), "how many of the keys exist"),
            new CommandHelp("expiretime", DataCommands.PLAIN.get("expiretime").usage(),
                    "the unix time a key expires at (-1: no expiry, -2: no key)"),
            new CommandHelp("object", DataCommands.PLAIN.get("object").usage(), "the encoding Redis would use, idle time, refcount"),
            new CommandHelp("sort", DataCommands.PLAIN.get("sort").usage(), "a set's members sorted, or values they name"),
            new CommandHelp("multi", "multi", "start a transaction: later commands are queued until exec"),
            new CommandHelp("exec", "exec", "run the queued commands in order (nil when a watched key changed)"),
            new CommandHelp("discard", "discard", "drop the queued commands and the watched keys"),
            new CommandHelp("watch", DataCommands.PLAIN.get("watch").usage(), "make the next exec fail if one of these keys changes"),
            new CommandHelp("unwatch", "unwatch", "forget the watched keys"),
            new CommandHelp("publish", DataCommands.PLAIN.get("publish").usage(),
                    "send a message to the channel's subscribers on every node (answers how many got it)"),
            new CommandHelp("pubsub", DataCommands.PLAIN.get("pubsub").usage(), "channels with subscribers, and their counts, cluster-wide"),
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
