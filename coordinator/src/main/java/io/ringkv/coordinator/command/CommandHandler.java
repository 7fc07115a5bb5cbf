package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import java.util.concurrent.CompletionStage;

/** Runs one command. May complete later (replication, fsync); may throw {@link CommandException}. */
@FunctionalInterface
public interface CommandHandler {
    CompletionStage<Reply> handle(CommandContext context, RespCommand command);
}
