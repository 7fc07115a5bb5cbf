package io.ringkv.coordinator.replication;

/**
 * Counts replica answers against what a consistency level needs. The outcome turns FAILED as soon
 * as success has become impossible, not at the timeout. Not thread-safe: callers synchronize.
 */
public final class ResponseTracker {
    public enum Outcome { PENDING, SATISFIED, FAILED }

    private final int required;
    private final int contacted;
    private int successes;
    private int failures;

    public ResponseTracker(int required, int contacted) {
        if (required < 1 || required > contacted) {
            throw new IllegalArgumentException("need 1 <= required (" + required + ") <= contacted (" + contacted + ")");
        }
        this.required = required;
        this.contacted = contacted;
    }

    public Outcome onSuccess() {
        successes++;
        return outcome();
    }

    public Outcome onFailure() {
        failures++;
        return outcome();
    }

    public Outcome outcome() {
        if (successes >= required) {
            return Outcome.SATISFIED;
        }
        if (contacted - failures < required) {
            return Outcome.FAILED;
        }
        return Outcome.PENDING;
    }

    public int successes() {
        return successes;
    }

    public int required() {
        return required;
    }

    public int contacted() {
        return contacted;
    }
}
