package io.ringkv.coordinator.linearizability;

import java.util.Objects;

/**
 * The sequential specification of one key: a register that starts absent (null), which reads
 * return, writes replace, and a compare-and-set replaces only when the value equals its expected
 * value (null = absent).
 *
 * <p>For an operation whose outcome is unknown, taking effect means doing what the operation does
 * without any answer to match: it is always legal.
 */
final class RegisterModel {
    private RegisterModel() {
    }

    static boolean isLegal(String current, Operation operation) {
        if (operation.isOutcomeUnknown()) {
            return true;
        }
        return switch (operation.type()) {
            case READ -> Objects.equals(current, operation.readValue());
            case WRITE -> true;
            case CAS -> Objects.equals(current, operation.expected()) == operation.casApplied();
        };
    }

    /** The value after {@code operation} takes effect on {@code current}; it must be legal there. */
    static String next(String current, Operation operation) {
        return switch (operation.type()) {
            case READ -> current;
            case WRITE -> operation.value();
            case CAS -> Objects.equals(current, operation.expected()) ? operation.value() : current;
        };
    }

    /** Why {@code operation} cannot take effect on {@code current}, for a person reading a violation. */
    static String whyIllegal(String current, Operation operation) {
        if (isLegal(current, operation)) {
            throw new IllegalArgumentException(operation.describe() + " is legal on " + Operation.quote(current));
        }
        return switch (operation.type()) {
            case READ -> "it returned " + Operation.quote(operation.readValue()) + " but the value is "
                    + Operation.quote(current);
            case WRITE -> throw new AssertionError("a write is always legal");
            case CAS -> operation.casApplied()
                    ? "it applied but the value is " + Operation.quote(current) + ", not the expected "
                            + Operation.quote(operation.expected())
                    : "it was rejected but the value equals the expected " + Operation.quote(current);
        };
    }
}
