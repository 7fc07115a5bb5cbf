package io.ringkv.cli.shell;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import java.util.List;
import java.util.Locale;

/**
 * The levels the shell sends its reads and writes at. The shell keeps them itself and wraps each
 * data command in {@code CL <level>}, rather than setting them on the server connection, so they
 * survive a reconnect to another node.
 */
record ConsistencySettings(ConsistencyLevel read, ConsistencyLevel write) {
    static final ConsistencySettings DEFAULT = new ConsistencySettings(ConsistencyLevel.QUORUM, ConsistencyLevel.QUORUM);
    static final String USAGE = "consistency [read|write] <ANY|ONE|QUORUM|ALL|STRONG>";

    /**
     * The settings after {@code consistency <args>}: no argument changes nothing, one level sets
     * both, {@code read|write <level>} sets one.
     */
    ConsistencySettings apply(List<String> args) {
        return switch (args.size()) {
            case 0 -> this;
            case 1 -> {
                if (args.get(0).equalsIgnoreCase("read") || args.get(0).equalsIgnoreCase("write")) {
                    throw new UsageException("a level must follow '" + args.get(0) + "'; usage: " + USAGE);
                }
                yield new ConsistencySettings(level(args.get(0)), level(args.get(0)));
            }
            case 2 -> switch (args.get(0).toLowerCase(Locale.ROOT)) {
                case "read" -> new ConsistencySettings(level(args.get(1)), write);
                case "write" -> new ConsistencySettings(read, level(args.get(1)));
                default -> throw new UsageException("expected 'read' or 'write' before the level, got '" + args.get(0)
                        + "'; usage: " + USAGE);
            };
            default -> throw new UsageException("usage: " + USAGE);
        };
    }

    String describe() {
        return "read " + read + ", write " + write;
    }

    /** One level when both agree, as in {@code QUORUM}; else {@code R=ONE W=ALL}. */
    String promptLabel() {
        return read == write ? read.name() : "R=" + read + " W=" + write;
    }

    private static ConsistencyLevel level(String text) {
        try {
            return ConsistencyLevel.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
