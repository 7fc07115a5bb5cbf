package io.ringkv.coordinator.linearizability;

/**
 * One register operation as recorded in a {@link History}: what was asked, how it ended and when.
 *
 * <p>Times are positions in the history's single event order ({@code @0, @1, ...}); a pending
 * operation completes at {@link #NEVER}. Which fields carry meaning depends on {@link #type()}:
 * {@code value} is the
 * written value or the compare-and-set's new value, {@code expected} the compare-and-set's expected
 * value (null = absent), {@code readValue} what an OK read returned (null = absent) and
 * {@code casApplied} whether an OK compare-and-set applied.
 */
record Operation(
        int id,
        int process,
        String key,
        Type type,
        String expected,
        String value,
        Outcome outcome,
        String readValue,
        boolean casApplied,
        long invokedAtEvent,
        long completedAtEvent) {

    /** A time after every recorded event. */
    static final long NEVER = Long.MAX_VALUE;

    enum Type { READ, WRITE, CAS }

    enum Outcome {
        OK,
        /** Definitely did not take effect. */
        FAIL,
        /** May have taken effect at any point after its invoke, or never. */
        INFO,
        /** No completion was recorded; the checker treats it exactly like {@link #INFO}. */
        PENDING
    }

    boolean isOk() {
        return outcome == Outcome.OK;
    }

    boolean isOutcomeUnknown() {
        return outcome == Outcome.INFO || outcome == Outcome.PENDING;
    }

    /**
     * The time by which the operation must have taken effect. An operation whose outcome is unknown
     * has no such time: its answer may have been lost after it took effect at any later point.
     */
    long mustTakeEffectByEvent() {
        return isOutcomeUnknown() ? NEVER : completedAtEvent;
    }

    /** The request alone, e.g. {@code cas(k, "a" -> "b")}. */
    String describeRequest() {
        return switch (type) {
            case READ -> "read(" + key + ")";
            case WRITE -> "write(" + key + ", " + quote(value) + ")";
            case CAS -> "cas(" + key + ", " + quote(expected) + " -> " + quote(value) + ")";
        };
    }

    /** The answer alone, e.g. {@code ok "a"}, {@code ok applied}, {@code info}. */
    String describeResult() {
        if (outcome != Outcome.OK) {
            return outcome.name().toLowerCase();
        }
        return switch (type) {
            case READ -> "ok " + quote(readValue);
            case WRITE -> "ok";
            case CAS -> casApplied ? "ok applied" : "ok rejected";
        };
    }

    /** One line a person can find again in {@link History#toString()}. */
    String describe() {
        String completed = completedAtEvent == NEVER ? "never completed" : "completed @" + completedAtEvent;
        return "#" + id + " p" + process + " " + describeRequest() + " " + describeResult()
                + " [invoked @" + invokedAtEvent + ", " + completed + "]";
    }

    static String quote(String valueOrNull) {
        return valueOrNull == null ? "absent" : "\"" + valueOrNull + "\"";
    }
}
