package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.BatchedWrite;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.kv.TransactionBuffer;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH with Redis's replies and errors. After MULTI a command
 * is checked (known, arity, allowed in a transaction) and queued; EXEC runs the queue in order,
 * each command after the one before it has finished, and answers their replies in one array (a
 * command's runtime error is its own reply; the others still run). EXEC answers a null array and
 * runs nothing when a WATCHed key changed since it was watched ({@link WatchedKeys}), read at the
 * session's read level.
 *
 * <p>EXEC runs through the node's {@link TransactionGate}: it starts once no other command this
 * node coordinates is in flight, and the others wait until it is done, so on one node nothing
 * comes between its check of the watched keys and its last command. Across nodes, below STRONG,
 * writes coordinated by other nodes are not held back (the README says so). The queued commands'
 * writes are held in a {@link TransactionBuffer} (their reads see them) and leave together at the
 * end, each replica's share as one batch it applies as one step and one AOF record.
 */
final class Transactions {
    /** Commands that act at once inside MULTI instead of being queued, as in Redis. */
    private static final Set<String> NOT_QUEUED = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "QUIT");

    private final CommandDispatcher dispatcher;
    private final KeyValueService kv;
    private final ValueLimits limits;
    private final TransactionGate gate;
    private final TransactionBuffer writes;

    /** {@code writes} is what the queued commands write into ({@link CommandContext#inExec()}). */
    Transactions(CommandDispatcher dispatcher, KeyValueService kv, ValueLimits limits, TransactionGate gate,
                 TransactionBuffer writes) {
        this.dispatcher = dispatcher;
        this.writes = writes;
        this.gate = gate;
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("MULTI", 1, List.of("noscript", "loading", "stale", "fast", "allow_busy"), 0, 0, 0, this::multi);
        table.add("EXEC", 1, List.of("noscript", "loading", "stale", "skip_slowlog"), 0, 0, 0, this::exec);
        table.add("DISCARD", 1, List.of("noscript", "loading", "stale", "fast", "allow_busy"), 0, 0, 0, this::discard);
        table.add("WATCH", -2, List.of("noscript", "loading", "stale", "fast", "allow_busy"), 1, -1, 1, this::watch);
        table.add("UNWATCH", 1, List.of("noscript", "loading", "stale", "fast", "allow_busy"), 0, 0, 0, this::unwatch);
    }

    /** True when this command, inside MULTI, is queued rather than run at once. */
    static boolean queues(CommandSpec spec) {
        return !NOT_QUEUED.contains(spec.name());
    }

    /**
     * Queues a command after MULTI, answering QUEUED, or answers the error that makes EXEC discard
     * the transaction: {@code refusal} is the dispatcher's error for an unknown command, a bad
     * arity or a missing AUTH, null when there is none.
     */
    Reply queue(Session session, CommandSpec spec, RespCommand command, String refusal) {
        QueuedTransaction queued = session.transaction();
        String error = refusal;
        if (error == null && spec.flags().contains("no_multi")) {
            error = "ERR Command not allowed inside a transaction";
        }
        if (error == null && queued.size() >= limits.maxQueuedCommands()) {
            error = "ERR a transaction may queue at most " + limits.maxQueuedCommands()
                    + " commands (max_transaction_commands)";
        }
        if (error != null) {
            queued.fail();
            return Replies.error(error);
        }
        queued.add(command);
        return Replies.simple("QUEUED");
    }

    private CompletionStage<Reply> multi(CommandContext c, RespCommand cmd) {
        if (c.session().transaction() != null) {
            throw new CommandException("ERR MULTI calls can not be nested");
        }
        c.session().transaction(new QueuedTransaction());
        return Replies.done(Replies.ok());
    }

    private CompletionStage<Reply> discard(CommandContext c, RespCommand cmd) {
        if (c.session().transaction() == null) {
            throw new CommandException("ERR DISCARD without MULTI");
        }
        c.session().transaction(null);
        c.session().watched(null);
        return Replies.done(Replies.ok());
    }

    private CompletionStage<Reply> unwatch(CommandContext c, RespCommand cmd) {
        c.session().watched(null);
        return Replies.done(Replies.ok());
    }

    private CompletionStage<Reply> watch(CommandContext c, RespCommand cmd) {
        if (c.session().transaction() != null) {
            throw new CommandException("ERR WATCH inside MULTI is not allowed");
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < cmd.argCount(); i++) {
            keys.add(limits.checkKey(cmd.arg(i)));
        }
        Session session = c.session();
        CompletableFuture<Reply> reply = summaries(keys, c).thenApply(cells -> {
            WatchedKeys watched = session.watched() != null ? session.watched() : new WatchedKeys();
            long now = kv.nowMs();
            for (int i = 0; i < keys.size(); i++) {
                watched.watch(keys.get(i), cells.get(i), now);
            }
            session.watched(watched);
            return Replies.ok();
        });
        session.holdFollowingUntil(reply);
        return reply;
    }

    private CompletionStage<Reply> exec(CommandContext c, RespCommand cmd) {
        Session session = c.session();
        QueuedTransaction queued = session.transaction();
        if (queued == null) {
            throw new CommandException("ERR EXEC without MULTI");
        }
        WatchedKeys watched = session.watched();
        session.transaction(null);
        session.watched(null);
        if (queued.failed()) {
            throw new CommandException("EXECABORT Transaction discarded because of previous errors.");
        }
        if (atStrong(c, queued)) {
            throw new CommandException("ERR EXEC at STRONG is not supported yet (each command would be a Paxos round of"
                    + " its own, not one transaction): run transactions at ANY, ONE, QUORUM or ALL");
        }
        CompletableFuture<Reply> reply = gate.exclusively(() -> anyChanged(watched, c).thenCompose(changed -> changed
                ? CompletableFuture.completedFuture(Replies.nullArray())
                : runBatched(queued.commands(), session, c.events())));
        session.holdFollowingUntil(reply);
        return reply;
    }

    /** True when the session's levels, or a queued {@code CL} prefix, ask for STRONG. */
    private static boolean atStrong(CommandContext c, QueuedTransaction queued) {
        if (c.readLevel() == ConsistencyLevel.STRONG || c.writeLevel() == ConsistencyLevel.STRONG) {
            return true;
        }
        for (RespCommand command : queued.commands()) {
            if (command.argCount() > 2 && Args.is(command.arg(0), "CL") && Args.is(command.arg(1), "STRONG")) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<Boolean> anyChanged(WatchedKeys watched, CommandContext c) {
        if (watched == null || watched.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        List<byte[]> keys = watched.keys();
        return summaries(keys, c).thenApply(cells -> {
            long now = kv.nowMs();
            for (int i = 0; i < keys.size(); i++) {
                if (watched.changed(keys.get(i), cells.get(i), now)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** What WATCH records and EXEC compares: each key's summary read at the session's level, in order. */
    private CompletableFuture<List<Cell>> summaries(List<byte[]> keys, CommandContext c) {
        List<CompletableFuture<Cell>> reads = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            reads.add(kv.read(key, c.readLevel(), Summary.REQUEST));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(x -> reads.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Runs the commands with their writes held back, then sends the writes, each replica's share
     * in one batch; answers the replies once every write met its level, or the failure of the
     * batch (a write's TIMEOUT or UNAVAILABLE, as for a plain write: replicas may hold all of
     * their share or none). The keyspace events the commands reported are published after a
     * successful write, none after a failed one.
     */
    private CompletableFuture<Reply> runBatched(List<RespCommand> commands, Session session, KeyspaceEvents events) {
        KeyspaceEvents.Deferred reported = new KeyspaceEvents.Deferred();
        CommandContext context = CommandContext.of(session, events).forExec(reported);
        writes.begin();
        CompletableFuture<Reply> replies;
        try {
            replies = runInOrder(commands, context);
        } catch (RuntimeException e) {
            writes.finish();
            throw e;
        }
        return replies.handle((reply, failure) -> {
            List<BatchedWrite> batch = writes.finish();
            if (failure != null) {
                return CompletableFuture.<Reply>failedFuture(failure);
            }
            long bytes = batch.stream().mapToLong(Transactions::bytesOf).sum();
            if (bytes > limits.maxTransactionBytes()) {
                return CompletableFuture.<Reply>failedFuture(new CommandException("ERR the transaction writes " + bytes
                        + " bytes (expected: <= " + limits.maxTransactionBytes() + ", max_transaction_bytes); its writes were not sent"));
            }
            return batch.isEmpty() ? CompletableFuture.completedFuture(reply) : kv.writeAll(batch).thenApply(done -> reply);
        }).thenCompose(next -> next).thenApply(reply -> {
            // Published once the writes are, so a subscriber that reads the key sees what the event says.
            reported.publishTo(events);
            return reply;
        });
    }

    private static long bytesOf(BatchedWrite write) {
        byte[] value = write.cell().value();
        return write.key().length + (value == null ? 0 : value.length);
    }

    /** Runs the commands one after another, each once the one before has its reply. */
    private CompletableFuture<Reply> runInOrder(List<RespCommand> commands, CommandContext context) {
        List<Reply> replies = new ArrayList<>(commands.size());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (RespCommand command : commands) {
            chain = chain.thenCompose(x -> dispatcher.dispatch(context, command).toCompletableFuture())
                    .thenAccept(replies::add);
        }
        return chain.thenApply(x -> Replies.array(replies));
    }
}
