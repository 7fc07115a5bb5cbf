package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.ConsistencyException;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.kv.RequestTrace;
import io.ringkv.coordinator.kv.TransactionBuffer;
import io.ringkv.coordinator.metrics.CommandLatencies;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.ClockSkewException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a decoded command into its reply: finds the command, checks authentication and arity,
 * runs it, records its latency, and turns every failure into a Redis-shaped error reply. Never
 * throws: whatever happens, the client gets an answer.
 */
public final class CommandDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final int MAX_ARGS_IN_UNKNOWN_ERROR = 8;
    /** Commands whose second word Redis names in errors ({@code pubsub|numsub}). */
    private static final Set<String> WITH_SUBCOMMANDS = Set.of("PUBSUB", "CONFIG", "CLIENT", "OBJECT", "COMMAND");

    private final CommandTable table;
    /**
     * The data commands again, bound to {@link #transactionWrites}: what a queued command runs
     * as inside EXEC, so its writes reach the replicas in the transaction's batches.
     */
    private final CommandTable inExecTable;
    private final TransactionBuffer transactionWrites;
    private final Transactions transactions;
    private final PubSubCommands pubsub;
    private final KeyspaceEvents events;
    private final TransactionGate gate = new TransactionGate();
    private final BlockedPops blocked;
    private final AtomicLong commandsProcessed = new AtomicLong();
    private final AtomicLong errorReplies = new AtomicLong();

    public CommandDispatcher(KeyValueService kv, io.ringkv.coordinator.keyspace.KeyspaceScanner keyspace, NodeControl node,
                             ValueLimits limits, String requirePass, CommandLatencies latencies,
                             io.ringkv.coordinator.pubsub.PubSub pubsub, long blockedRecheckMs) {
        this.blocked = new BlockedPops(gate, blockedRecheckMs);
        this.table = new CommandTable(latencies);
        RedisSettings settings = new RedisSettings();
        this.events = new KeyspaceEvents(settings, pubsub);
        registerDataCommands(table, kv, limits, settings, blocked);
        new KeyspaceCommands(keyspace).register(table);
        new ServerCommands(node, table, requirePass, kv, settings, blocked).register(table);
        new ConsistencyCommands(this).register(table);
        this.transactionWrites = new TransactionBuffer(kv);
        this.inExecTable = new CommandTable(latencies);
        registerDataCommands(inExecTable, transactionWrites, limits, settings, blocked);
        this.transactions = new Transactions(this, kv, limits, gate, transactionWrites);
        transactions.register(table);
        this.pubsub = new PubSubCommands(pubsub);
        this.pubsub.register(table);
        new ClusterCommands(node).register(table);
    }

    /** The commands that read and write keys, reading and writing through {@code kv}. */
    private static void registerDataCommands(CommandTable table, KeyValueService kv, ValueLimits limits, RedisSettings settings,
                                             BlockedPops blocked) {
        new StringCommands(kv, limits).register(table);
        new StringEditCommands(kv, limits).register(table);
        new KeyCommands(kv, limits).register(table);
        new KeyMoveCommands(kv, limits).register(table);
        new ObjectCommand(kv, limits, settings).register(table);
        new CounterCommands(kv, limits).register(table);
        new HashCommands(kv, limits).register(table);
        new SetCommands(kv, limits).register(table);
        new SetAlgebra(kv, limits).register(table);
        new SortCommand(kv, limits).register(table);
        new ListCommands(kv, limits, blocked).register(table);
    }

    /**
     * A write that changed {@code key} in this node's store (as a replica, from any coordinator):
     * one that adds elements to a list wakes a client blocked on it here (a pop's does not).
     */
    public void written(byte[] key, io.ringkv.storage.Cell cell) {
        if (blocked.waitsOn(key) && io.ringkv.storage.types.list.ListType.addsElements(cell)) {
            blocked.wake(key);
        }
    }

    /** A push to {@code key} that reached another node: this node's first client blocked on it tries again. */
    public void wakeBlocked(byte[] key) {
        if (blocked.waitsOn(key)) {
            blocked.wake(key);
        }
    }

    /** Where the keys this node's clients block on are announced (to their replicas, when this node is not one). */
    public void watchBlockedKeysWith(java.util.function.Consumer<java.util.Collection<byte[]>> watch) {
        blocked.watchWith(watch);
    }

    /** Stops what runs beside the commands (the blocked pops' timer). */
    @Override
    public void close() {
        blocked.close();
    }

    /** What EXEC holds other commands back with; the connections pass their commands through it. */
    public TransactionGate gate() {
        return gate;
    }

    /**
     * True when the command must pass the {@link #gate()}: everything but EXEC (which takes the
     * gate itself) and what a connection inside MULTI only queues.
     */
    public static boolean passesGate(Session session, RespCommand command) {
        return session.transaction() == null && !Args.is(command.arg(0), "EXEC");
    }

    /** Where this node's keyspace notifications go (commands, and the sweeper's "expired"). */
    public KeyspaceEvents events() {
        return events;
    }

    public CommandTable table() {
        return table;
    }

    /** Clients waiting in a blocking pop on this node. */
    public int blockedClients() {
        return blocked.blockedClients();
    }

    public long commandsProcessed() {
        return commandsProcessed.get();
    }

    public long errorReplies() {
        return errorReplies.get();
    }

    public CompletionStage<Reply> dispatch(Session session, RespCommand command) {
        if (!session.admit()) {
            commandsProcessed.incrementAndGet();
            return error("ERR rate limit exceeded: this connection may send " + session.opsPerSecondLimit()
                    + " commands per second (max_client_ops_per_second)");
        }
        CommandSpec spec = table.find(command.arg(0));
        if (session.protocolVersion() == 2 && spec != null && session.isSubscribed()
                && !PubSubCommands.ALLOWED_WHILE_SUBSCRIBED.contains(spec.name()) && refusal(session, spec, command) == null) {
            return error("ERR Can't execute '" + fullName(spec, command)
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
        }
        if (session.transaction() != null) {
            // Inside MULTI a refused command fails the transaction even if it would not be queued (WATCH with no key).
            String refusal = refusal(session, spec, command);
            if (refusal != null || Transactions.queues(spec)) {
                commandsProcessed.incrementAndGet();
                Reply reply = transactions.queue(session, spec, command, refusal);
                if (reply instanceof Reply.ErrorReply) {
                    errorReplies.incrementAndGet();
                }
                return CompletableFuture.completedFuture(reply);
            }
        }
        return dispatch(CommandContext.of(session, events), spec, command);
    }

    /** The connection closed: what it held on this node (subscriptions) ends. */
    public void connectionClosed(Session session) {
        pubsub.forget(session);
    }

    /** The name Redis shows for a command in errors: {@code get}, or {@code pubsub|numsub} for a subcommand. */
    private static String fullName(CommandSpec spec, RespCommand command) {
        String name = spec.name().toLowerCase(java.util.Locale.ROOT);
        boolean container = WITH_SUBCOMMANDS.contains(spec.name());
        return container && command.argCount() > 1 ? name + "|" + Args.text(command.arg(1)).toLowerCase(java.util.Locale.ROOT) : name;
    }

    /** Why the command cannot run at all (unknown, not authenticated, wrong arity), or null. */
    private String refusal(Session session, CommandSpec spec, RespCommand command) {
        if (spec == null) {
            return unknownCommand(command);
        }
        if (!session.authenticated() && !spec.allowedUnauthenticated()) {
            return "NOAUTH Authentication required.";
        }
        if (!spec.arityAccepts(command.argCount())) {
            return "ERR wrong number of arguments for '" + spec.name().toLowerCase() + "' command";
        }
        return null;
    }

    /** Runs a command for another command: CL's inner command, or a queued command inside EXEC. */
    CompletionStage<Reply> dispatch(CommandContext context, RespCommand command) {
        CommandSpec spec = context.inExec() ? inExecTable.find(command.arg(0)) : null;
        return dispatch(context, spec != null ? spec : table.find(command.arg(0)), command);
    }

    private CompletionStage<Reply> dispatch(CommandContext context, CommandSpec spec, RespCommand command) {
        commandsProcessed.incrementAndGet();
        String refusal = refusal(context.session(), spec, command);
        if (refusal != null) {
            return error(refusal);
        }
        long startNanos = System.nanoTime();
        RequestTrace trace = traceFor(context.session(), spec, command);
        CompletionStage<Reply> result;
        try {
            result = trace == null ? spec.handler().handle(context, command)
                    : RequestTrace.within(trace, () -> spec.handler().handle(context, command));
        } catch (RuntimeException e) {
            return error(errorLine(e));
        }
        if (trace != null) {
            result = result.whenComplete((reply, failure) -> {
                trace.event(failure == null ? "replied" : "failed: " + errorLine(failure));
                context.session().lastTrace(trace);
            });
        }
        ConsistencyLevel level = spec.isWrite() ? context.writeLevel()
                : spec.isReadonly() ? context.readLevel() : null;
        CompletableFuture<Reply> future = result.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            spec.latency().record(level, System.nanoTime() - startNanos);
            return future;
        }
        return future.handle((reply, failure) -> {
            spec.latency().record(level, System.nanoTime() - startNanos);
            if (failure == null) {
                return reply;
            }
            errorReplies.incrementAndGet();
            return Replies.error(errorLine(failure));
        });
    }

    /** A new trace when the session traces and no outer command (CL) already does; TRACING itself is not traced. */
    private static RequestTrace traceFor(Session session, CommandSpec spec, RespCommand command) {
        if (!session.tracing() || RequestTrace.current() != null || spec.name().equalsIgnoreCase("TRACING")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < command.argCount() && i < 4; i++) {
            text.append(i == 0 ? "" : " ").append(printable(Args.text(command.arg(i))));
        }
        return new RequestTrace(text.toString());
    }

    private CompletionStage<Reply> error(String line) {
        errorReplies.incrementAndGet();
        return CompletableFuture.completedFuture(Replies.error(line));
    }

    static String errorLine(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CommandException || cause instanceof ConsistencyException
                || cause instanceof io.ringkv.storage.types.ValueRefusedException) {
            return cause.getMessage();
        }
        if (cause instanceof ClockSkewException) {
            return "ERR " + cause.getMessage();
        }
        log.warn("command failed unexpectedly", cause);
        return "ERR internal error: " + cause;
    }

    private String unknownCommand(RespCommand command) {
        String name = Args.text(command.arg(0));
        StringBuilder line = new StringBuilder("ERR unknown command '").append(printable(name))
                .append("', with args beginning with: ");
        for (int i = 1; i < command.argCount() && i <= MAX_ARGS_IN_UNKNOWN_ERROR; i++) {
            line.append('\'').append(printable(Args.text(command.arg(i)))).append("' ");
        }
        String suggestion = table.suggest(name);
        if (suggestion != null) {
            line.append("(did you mean ").append(suggestion).append("?)");
        }
        return line.toString();
    }

    /** Error lines must not carry CR/LF (they would break RESP framing) or be huge. */
    private static String printable(String text) {
        String cut = text.length() > 128 ? text.substring(0, 128) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (char ch : cut.toCharArray()) {
            out.append(ch < 0x20 || ch == 0x7f ? ' ' : ch);
        }
        return new String(out.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
