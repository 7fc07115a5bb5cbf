package io.ringkv.coordinator.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * A reference for small histories of one key: tries every order that respects real time, with no
 * memoization or pruning and its own copy of the register's rules, so that it shares no mistake
 * with {@link LinearizationSearch}. Exponential; keep histories under about ten operations.
 */
final class BruteForceLinearizability {
    /** A sentinel no operation writes, compared by identity. */
    private static final String ILLEGAL = new String("illegal");

    private BruteForceLinearizability() {
    }

    static boolean isLinearizable(List<Operation> operations) {
        List<Operation> constraining = operations.stream()
                .filter(operation -> operation.outcome() != Operation.Outcome.FAIL)
                .filter(operation -> operation.isOk() || operation.type() != Operation.Type.READ)
                .toList();
        return linearizableFrom(constraining, new boolean[constraining.size()], null);
    }

    private static boolean linearizableFrom(List<Operation> operations, boolean[] done, String value) {
        long deadline = Long.MAX_VALUE;
        boolean anyOkLeft = false;
        for (int i = 0; i < operations.size(); i++) {
            if (!done[i] && operations.get(i).isOk()) {
                anyOkLeft = true;
                deadline = Math.min(deadline, operations.get(i).completedAtEvent());
            }
        }
        if (!anyOkLeft) {
            return true;
        }
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            if (done[i] || operation.invokedAtEvent() > deadline) {
                continue;
            }
            String after = effect(operation, value);
            if (after == ILLEGAL) {
                continue;
            }
            done[i] = true;
            boolean found = linearizableFrom(operations, done, after);
            done[i] = false;
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static String effect(Operation operation, String value) {
        boolean known = operation.isOk();
        switch (operation.type()) {
            case READ:
                return Objects.equals(value, operation.readValue()) ? value : ILLEGAL;
            case WRITE:
                return operation.value();
            default:
                boolean matches = Objects.equals(value, operation.expected());
                if (known && matches != operation.casApplied()) {
                    return ILLEGAL;
                }
                return matches ? operation.value() : value;
        }
    }
}
