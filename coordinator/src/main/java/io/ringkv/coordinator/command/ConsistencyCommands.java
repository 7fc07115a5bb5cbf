package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consistency hints: {@code CONSISTENCY} shows the connection's levels, {@code CONSISTENCY <level>}
 * sets both, {@code CONSISTENCY READ|WRITE <level>} sets one, and {@code CL <level> <command> …}
 * runs one command at a level.
 */
final class ConsistencyCommands {
    private final CommandDispatcher dispatcher;

    ConsistencyCommands(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void register(CommandTable table) {
        table.add("CONSISTENCY", -1, List.of("fast"), 0, 0, 0, this::consistency);
        table.add("CL", -3, List.of(), 0, 0, 0, this::cl);
    }

    private CompletionStage<Reply> consistency(CommandContext c, RespCommand cmd) {
        Session session = c.session();
        switch (cmd.argCount()) {
            case 1 -> {
                return done(Replies.simple("READ " + session.readLevel() + " WRITE " + session.writeLevel()));
            }
            case 2 -> {
                ConsistencyLevel level = level(cmd.arg(1));
                session.readLevel(level);
                session.writeLevel(level);
            }
            case 3 -> {
                ConsistencyLevel level = level(cmd.arg(2));
                if (Args.is(cmd.arg(1), "READ")) {
                    session.readLevel(level);
                } else if (Args.is(cmd.arg(1), "WRITE")) {
                    session.writeLevel(level);
                } else {
                    throw new CommandException("ERR expected CONSISTENCY [READ|WRITE] <level>");
                }
            }
            default -> throw new CommandException("ERR expected CONSISTENCY [READ|WRITE] <level>");
        }
        return done(Replies.ok());
    }

    private CompletionStage<Reply> cl(CommandContext c, RespCommand cmd) {
        ConsistencyLevel level = level(cmd.arg(1));
        byte[][] inner = Arrays.copyOfRange(cmd.args(), 2, cmd.argCount());
        if (Args.is(inner[0], "CL") || Args.is(inner[0], "CONSISTENCY") || Args.is(inner[0], "MULTI")
                || Args.is(inner[0], "EXEC") || Args.is(inner[0], "DISCARD")) {
            throw new CommandException("ERR CL cannot wrap " + Args.upper(inner[0]));
        }
        return dispatcher.dispatch(c.atLevel(level), new RespCommand(inner));
    }

    private static ConsistencyLevel level(byte[] arg) {
        try {
            return ConsistencyLevel.parse(Args.text(arg));
        } catch (IllegalArgumentException e) {
            throw new CommandException("ERR " + e.getMessage());
        }
    }

    private static CompletionStage<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
