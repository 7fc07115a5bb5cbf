package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;

/**
 * What one command runs with: the session, the levels for this command (the session's, unless
 * {@code CL <level>} overrides them for one command), and where it reports what it changed
 * (keyspace notifications).
 */
public record CommandContext(Session session, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                             KeyspaceEvents events) {

    public static CommandContext of(Session session, KeyspaceEvents events) {
        return new CommandContext(session, session.readLevel(), session.writeLevel(), events);
    }

    public CommandContext atLevel(ConsistencyLevel level) {
        return new CommandContext(session, level, level, events);
    }

    /** Reports that this command changed {@code key} ({@link KeyspaceEvents#notify}). */
    public void notify(int eventClass, String event, byte[] key) {
        events.notify(eventClass, event, key);
    }
}
