package io.ringkv.coordinator.linearizability;

/**
 * The answer of {@link LinearizabilityChecker}: the verdict and, unless it is
 * {@link Verdict#LINEARIZABLE}, the key it concerns and an explanation a person can debug from.
 */
public record CheckResult(Verdict verdict, String key, String explanation) {

    public static CheckResult ok() {
        return new CheckResult(Verdict.LINEARIZABLE, null, "every key is linearizable");
    }

    static CheckResult notLinearizable(String key, String explanation) {
        return new CheckResult(Verdict.NOT_LINEARIZABLE, key, explanation);
    }

    static CheckResult gaveUp(String key, String explanation) {
        return new CheckResult(Verdict.UNKNOWN, key, explanation);
    }

    /** False both for a violation and when the checker gave up; see {@link #verdict()}. */
    public boolean linearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    @Override
    public String toString() {
        return key == null ? verdict + ": " + explanation : verdict + " on key " + key + ":\n" + explanation;
    }
}
