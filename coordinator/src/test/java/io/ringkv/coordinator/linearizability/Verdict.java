package io.ringkv.coordinator.linearizability;

/** What {@link LinearizabilityChecker} could establish about a history. */
public enum Verdict {
    /** Every key's operations have a linearization. */
    LINEARIZABLE,
    /** Some key's operations have none: the explanation shows where the search got stuck. */
    NOT_LINEARIZABLE,
    /** The search hit its explored-state limit on some key before deciding; no violation was found. */
    UNKNOWN
}
