package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;

/**
 * What one command runs with: the session, the levels for this command (the session's, unless
 * {@code CL <level>} overrides them for one command), where it reports what it changed
 * (keyspace notifications), and whether EXEC runs it from its queue.
 */
public record CommandContext(Session session, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                             KeyspaceEvents events, KeyspaceEvents.Deferred execEvents) {

    public static CommandContext of(Session session, KeyspaceEvents events) {
        return new CommandContext(session, session.readLevel(), session.writeLevel(), events, null);
    }

    public CommandContext atLevel(ConsistencyLevel level) {
        return new CommandContext(session, level, level, events, execEvents);
    }

    /**
     * The same, for the commands EXEC runs from its queue: they write into the transaction's
     * batches, and what they report waits in {@code deferred} until the batches are written.
     */
    public CommandContext forExec(KeyspaceEvents.Deferred deferred) {
        return new CommandContext(session, readLevel, writeLevel, events, deferred);
    }

    /** True for a command EXEC runs from its queue. */
    public boolean inExec() {
        return execEvents != null;
    }

    /** True when a {@link #notify} of {@code eventClass} would be published. */
    public boolean wants(int eventClass) {
        return events.wants(eventClass);
    }

    /** Reports that this command changed {@code key} ({@link KeyspaceEvents#notify}). */
    public void notify(int eventClass, String event, byte[] key) {
        if (execEvents != null) {
            execEvents.add(eventClass, event, key);
        } else {
            events.notify(eventClass, event, key);
        }
    }
}
