package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Connection and server commands: PING ECHO SELECT AUTH HELLO CLIENT COMMAND INFO CONFIG QUIT
 * FLUSHALL FLUSHDB BGSAVE SAVE BGREWRITEAOF LASTSAVE TIME. Enough of each for redis-cli,
 * redis-benchmark, Jedis, Lettuce and redis-py to connect and run.
 */
final class ServerCommands {
    /** The Redis version whose commands and replies we follow; clients gate features on it. */
    static final String REDIS_COMPAT_VERSION = "7.2.0";
    static final String RINGKV_VERSION = "0.1.0";

    private final NodeControl node;
    private final CommandTable table;
    private final byte[] requirePass;
    private final KeyValueService kv;

    private final RedisSettings settings;
    private final BlockedPops blocked;

    ServerCommands(NodeControl node, CommandTable table, String requirePass, KeyValueService kv, RedisSettings settings,
                   BlockedPops blocked) {
        this.settings = settings;
        this.blocked = blocked;
        this.node = node;
        this.table = table;
        this.requirePass = requirePass.isEmpty() ? null : requirePass.getBytes(StandardCharsets.UTF_8);
        this.kv = kv;
    }

    void register(CommandTable t) {
        List<String> noAuth = List.of("fast", "no-auth");
        t.add("PING", -1, List.of("fast"), 0, 0, 0, this::ping);
        t.add("ECHO", 2, List.of("fast"), 0, 0, 0, (c, cmd) -> done(Replies.bulk(cmd.arg(1))));
        t.add("SELECT", 2, List.of("fast"), 0, 0, 0, this::select);
        t.add("AUTH", -2, noAuth, 0, 0, 0, this::auth);
        t.add("HELLO", -1, noAuth, 0, 0, 0, this::hello);
        t.add("QUIT", -1, noAuth, 0, 0, 0, (c, cmd) -> {
            c.session().requestClose();
            return done(Replies.ok());
        });
        t.add("CLIENT", -2, List.of(), 0, 0, 0, this::client);
        t.add("COMMAND", -1, List.of(), 0, 0, 0, this::command);
        t.add("INFO", -1, List.of(), 0, 0, 0, (c, cmd) ->
                done(Replies.verbatim(node.info(cmd.argCount() > 1 ? Args.text(cmd.arg(1)) : null))));
        t.add("CONFIG", -2, List.of("admin"), 0, 0, 0, this::config);
        t.add("FLUSHALL", -1, List.of("write"), 0, 0, 0, this::flush);
        t.add("FLUSHDB", -1, List.of("write"), 0, 0, 0, this::flush);
        t.add("BGSAVE", -1, List.of("admin"), 0, 0, 0, (c, cmd) -> {
            node.snapshot();
            return done(Replies.simple("Background saving started"));
        });
        t.add("BGREWRITEAOF", 1, List.of("admin"), 0, 0, 0, (c, cmd) -> {
            node.snapshot();
            return done(Replies.simple("Background append only file rewriting started"));
        });
        t.add("SAVE", 1, List.of("admin", "no_multi"), 0, 0, 0, (c, cmd) -> node.snapshot().thenApply(info -> Replies.ok()));
        t.add("LASTSAVE", 1, List.of("fast"), 0, 0, 0, (c, cmd) -> done(Replies.integer(node.lastSnapshotEpochSeconds())));
        t.add("TIME", 1, List.of("fast"), 0, 0, 0, (c, cmd) -> {
            long nowMs = kv.nowMs();
            return done(Replies.array(List.of(Replies.bulk(Long.toString(nowMs / 1000)),
                    Replies.bulk(Long.toString((nowMs % 1000) * 1000)))));
        });
    }

    private CompletionStage<Reply> ping(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() > 2) {
            throw new CommandException("ERR wrong number of arguments for 'ping' command");
        }
        if (c.session().protocolVersion() == 2 && c.session().isSubscribed()) {
            // As Redis: a subscribed RESP2 connection reads only arrays, so PING answers one.
            return done(Replies.array(List.of(Replies.bulk("pong"), Replies.bulk(cmd.argCount() == 2 ? cmd.arg(1) : new byte[0]))));
        }
        return done(cmd.argCount() == 2 ? Replies.bulk(cmd.arg(1)) : Replies.pong());
    }

    private CompletionStage<Reply> select(CommandContext c, RespCommand cmd) {
        Long db = Args.tryParseLong(cmd.arg(1));
        if (db == null) {
            throw CommandException.notAnInteger();
        }
        if (db != 0) {
            throw new CommandException("ERR DB index is out of range (ringkv has one database, 0)");
        }
        return done(Replies.ok());
    }

    private CompletionStage<Reply> auth(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() > 3) {
            throw CommandException.syntax();
        }
        byte[] password = cmd.arg(cmd.argCount() - 1);
        authenticate(c.session(), cmd.argCount() == 3 ? cmd.arg(1) : null, password);
        return done(Replies.ok());
    }

    private void authenticate(Session session, byte[] user, byte[] password) {
        if (requirePass == null) {
            throw new CommandException("ERR AUTH <password> called without any password configured for the "
                    + "default user. Are you sure your configuration is correct?");
        }
        boolean userOk = user == null || Args.is(user, "default");
        if (!userOk || !MessageDigest.isEqual(requirePass, password)) {
            throw new CommandException("WRONGPASS invalid username-password pair or user is disabled.");
        }
        session.authenticated(true);
    }

    private CompletionStage<Reply> hello(CommandContext c, RespCommand cmd) {
        Session session = c.session();
        int version = session.protocolVersion();
        int i = 1;
        if (cmd.argCount() > 1) {
            Long requested = Args.tryParseLong(cmd.arg(1));
            if (requested == null) {
                throw new CommandException("ERR Protocol version is not an integer or out of range");
            }
            if (requested != 2 && requested != 3) {
                throw new CommandException("NOPROTO unsupported protocol version");
            }
            version = requested.intValue();
            i = 2;
        }
        for (; i < cmd.argCount(); i++) {
            boolean hasTwoMore = i + 2 < cmd.argCount();
            boolean hasOneMore = i + 1 < cmd.argCount();
            if (Args.is(cmd.arg(i), "AUTH") && hasTwoMore) {
                authenticate(session, cmd.arg(i + 1), cmd.arg(i + 2));
                i += 2;
            } else if (Args.is(cmd.arg(i), "SETNAME") && hasOneMore) {
                session.clientName(Args.text(cmd.arg(++i)));
            } else {
                throw new CommandException("ERR Syntax error in HELLO option '" + Args.text(cmd.arg(i)) + "'");
            }
        }
        if (!session.authenticated()) {
            throw new CommandException("NOAUTH HELLO must be called with the client already authenticated, "
                    + "otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate "
                    + "the client and select the RESP protocol version at the same time");
        }
        session.protocolVersion(version);
        Map<String, Reply> fields = new LinkedHashMap<>();
        fields.put("server", Replies.bulk("redis"));
        fields.put("version", Replies.bulk(REDIS_COMPAT_VERSION));
        fields.put("proto", Replies.integer(version));
        fields.put("id", Replies.integer(session.id()));
        fields.put("mode", Replies.bulk("standalone"));
        fields.put("role", Replies.bulk("master"));
        fields.put("modules", Replies.array(List.of()));
        fields.put("ringkv_version", Replies.bulk(RINGKV_VERSION));
        return done(Replies.map(fields));
    }

    private CompletionStage<Reply> client(CommandContext c, RespCommand cmd) {
        Session session = c.session();
        String sub = Args.upper(cmd.arg(1));
        switch (sub) {
            case "SETNAME" -> {
                requireArgs(cmd, 3, "client|setname");
                String name = Args.text(cmd.arg(2));
                if (name.contains(" ") || name.contains("\n")) {
                    throw new CommandException("ERR Client names cannot contain spaces, newlines or special characters.");
                }
                session.clientName(name);
                return done(Replies.ok());
            }
            case "GETNAME" -> {
                return done(session.clientName().isEmpty() ? Replies.nil() : Replies.bulk(session.clientName()));
            }
            case "ID" -> {
                return done(Replies.integer(session.id()));
            }
            case "INFO", "LIST" -> {
                String line = "id=" + session.id() + " addr=" + session.remoteAddress() + " name="
                        + session.clientName() + " db=0 resp=" + session.protocolVersion()
                        + " read-consistency=" + session.readLevel() + " write-consistency=" + session.writeLevel()
                        + "\n";
                return done(Replies.verbatim(line));
            }
            case "SETINFO", "NO-EVICT", "NO-TOUCH", "REPLY" -> {
                return done(Replies.ok());
            }
            case "UNBLOCK" -> {
                return done(Replies.integer(unblock(cmd) ? 1 : 0));
            }
            default -> throw new CommandException("ERR unknown subcommand '" + Args.text(cmd.arg(1))
                    + "'. Try CLIENT HELP.");
        }
    }

    /** CLIENT UNBLOCK client-id [TIMEOUT|ERROR]: ends a blocking pop of that client of this node, as its timeout would or with an error. */
    private boolean unblock(RespCommand cmd) {
        if (cmd.argCount() < 3) {
            throw new CommandException("ERR wrong number of arguments for 'client|unblock' command");
        }
        if (cmd.argCount() > 4) {
            throw new CommandException("ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.");
        }
        long id = Args.parseLong(cmd.arg(2));
        boolean asError = false;
        if (cmd.argCount() == 4) {
            if (Args.is(cmd.arg(3), "ERROR")) {
                asError = true;
            } else if (!Args.is(cmd.arg(3), "TIMEOUT")) {
                throw new CommandException("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        return blocked.unblock(id, asError ? Replies.error("UNBLOCKED client unblocked via CLIENT UNBLOCK") : null);
    }

    private CompletionStage<Reply> command(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() == 1) {
            List<Reply> all = new ArrayList<>();
            for (CommandSpec spec : table.all()) {
                all.add(describe(spec));
            }
            return done(Replies.array(all));
        }
        String sub = Args.upper(cmd.arg(1));
        switch (sub) {
            case "COUNT" -> {
                return done(Replies.integer(table.size()));
            }
            case "DOCS" -> {
                return done(Replies.map(Map.of()));
            }
            case "INFO" -> {
                List<Reply> out = new ArrayList<>();
                for (int i = 2; i < cmd.argCount(); i++) {
                    CommandSpec spec = table.find(cmd.arg(i));
                    out.add(spec == null ? Replies.nullArray() : describe(spec));
                }
                return done(Replies.array(out));
            }
            default -> throw new CommandException("ERR unknown subcommand '" + Args.text(cmd.arg(1))
                    + "'. Try COMMAND HELP.");
        }
    }

    private static Reply describe(CommandSpec spec) {
        List<Reply> flags = new ArrayList<>();
        for (String flag : spec.flags()) {
            flags.add(Replies.simple(flag));
        }
        return Replies.array(List.of(Replies.bulk(spec.name().toLowerCase()), Replies.integer(spec.arity()),
                Replies.array(flags), Replies.integer(spec.firstKey()), Replies.integer(spec.lastKey()),
                Replies.integer(spec.keyStep())));
    }

    /**
     * CONFIG GET pattern [pattern ...] answers ringkv's own settings (set at start: {@code ringkv node
     * --help}) and Redis's knobs ({@link RedisSettings}); CONFIG SET name value [name value ...]
     * changes Redis's knobs, all or none.
     */
    private CompletionStage<Reply> config(CommandContext c, RespCommand cmd) {
        String sub = Args.upper(cmd.arg(1));
        switch (sub) {
            case "GET" -> {
                if (cmd.argCount() < 3) {
                    throw new CommandException("ERR wrong number of arguments for 'config|get' command");
                }
                List<String> patterns = new java.util.ArrayList<>();
                for (int i = 2; i < cmd.argCount(); i++) {
                    patterns.add(Args.text(cmd.arg(i)));
                }
                Map<String, Reply> matches = new LinkedHashMap<>();
                node.config().forEach((name, value) -> {
                    if (patterns.stream().anyMatch(pattern -> Glob.matches(pattern, name))) {
                        matches.put(name, Replies.bulk(name.equals("requirepass") && !value.isEmpty() ? "********" : value));
                    }
                });
                settings.matching(patterns).forEach((name, value) -> matches.putIfAbsent(name, Replies.bulk(value)));
                return done(Replies.map(matches));
            }
            case "SET" -> {
                if (cmd.argCount() < 4 || cmd.argCount() % 2 != 0) {
                    throw new CommandException("ERR wrong number of arguments for 'config|set' command");
                }
                List<String> pairs = new java.util.ArrayList<>();
                for (int i = 2; i < cmd.argCount(); i += 2) {
                    String name = Args.text(cmd.arg(i));
                    if (!settings.knows(name)) {
                        if (node.config().containsKey(name)) {
                            throw new CommandException("ERR CONFIG SET failed (possibly related to argument '" + name
                                    + "') - ringkv's own settings are set at start: restart the node with --"
                                    + name.replace('_', '-') + " <value>");
                        }
                        throw new CommandException("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
                    }
                    pairs.add(name);
                    pairs.add(Args.text(cmd.arg(i + 1)));
                }
                settings.set(pairs);
                return done(Replies.ok());
            }
            case "RESETSTAT" -> {
                return done(Replies.ok());
            }
            case "HELP" -> {
                return done(Replies.array(RedisSettings.help().stream().map(Replies::simple).toList()));
            }
            default -> throw new CommandException("ERR unknown subcommand '" + Args.text(cmd.arg(1)) + "'. Try CONFIG HELP.");
        }
    }

    private CompletionStage<Reply> flush(CommandContext c, RespCommand cmd) {
        if (cmd.argCount() > 2 || cmd.argCount() == 2 && !Args.is(cmd.arg(1), "SYNC") && !Args.is(cmd.arg(1), "ASYNC")) {
            throw CommandException.syntax();
        }
        return node.flushAll().thenApply(done -> Replies.ok());
    }

    private static void requireArgs(RespCommand cmd, int words, String name) {
        if (cmd.argCount() != words) {
            throw new CommandException("ERR wrong number of arguments for '" + name + "' command");
        }
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
