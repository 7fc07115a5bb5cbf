package io.ringkv.coordinator.consistency;

import java.util.Locale;

/** How many replicas a read or write waits for; the README's "Consistency levels" table says what each promises. */
public enum ConsistencyLevel {
    ANY, ONE, QUORUM, ALL, STRONG;

    /** Replicas whose answers satisfy this level for a replica set of {@code replicationFactor}. */
    public int requiredAcks(int replicationFactor) {
        return switch (this) {
            case ANY, ONE -> 1;
            case QUORUM, STRONG -> replicationFactor / 2 + 1;
            case ALL -> replicationFactor;
        };
    }

    public static ConsistencyLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown consistency level '" + text
                    + "' (expected ANY, ONE, QUORUM, ALL or STRONG)");
        }
    }
}
