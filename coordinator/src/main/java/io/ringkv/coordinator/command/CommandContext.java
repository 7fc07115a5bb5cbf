package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;

/**
 * What one command runs with: the session, and the levels for this command (the session's,
 * unless {@code CL <level>} overrides them for one command).
 */
public record CommandContext(Session session, ConsistencyLevel readLevel, ConsistencyLevel writeLevel) {

    public static CommandContext of(Session session) {
        return new CommandContext(session, session.readLevel(), session.writeLevel());
    }

    public CommandContext atLevel(ConsistencyLevel level) {
        return new CommandContext(session, level, level);
    }
}
