package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;

/**
 * What one command runs with: the session, the levels for this command (the session's, unless
 * {@code CL <level>} overrides them for one command), where it reports what it changed
 * (keyspace notifications), and whether EXEC runs it from its queue.
 */
public record CommandContext(Session session, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                             KeyspaceEvents events, boolean inExec) {

    public static CommandContext of(Session session, KeyspaceEvents events) {
        return new CommandContext(session, session.readLevel(), session.writeLevel(), events, false);
    }

    public CommandContext atLevel(ConsistencyLevel level) {
        return new CommandContext(session, level, level, events, inExec);
    }

    /** The same, for a command EXEC runs from its queue: it writes into the transaction's batches. */
    public CommandContext forExec() {
        return new CommandContext(session, readLevel, writeLevel, events, true);
    }

    /** Reports that this command changed {@code key} ({@link KeyspaceEvents#notify}). */
    public void notify(int eventClass, String event, byte[] key) {
        events.notify(eventClass, event, key);
    }
}
