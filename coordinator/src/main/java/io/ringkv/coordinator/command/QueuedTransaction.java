package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.RespCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands a connection queued after MULTI, in order, and whether queueing one failed (an
 * unknown command, a wrong arity), which makes EXEC discard the whole transaction as Redis does.
 */
final class QueuedTransaction {
    private final List<RespCommand> commands = new ArrayList<>();
    private boolean failed;

    void add(RespCommand command) {
        commands.add(command);
    }

    int size() {
        return commands.size();
    }

    void fail() {
        failed = true;
    }

    boolean failed() {
        return failed;
    }

    List<RespCommand> commands() {
        return commands;
    }
}
