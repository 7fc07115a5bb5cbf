package io.ringkv.coordinator.linearizability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A quick test that needs no search: an operation that saw a value (a read returning it, or a
 * compare-and-set that applied because it was expected) can only be linearized after something
 * wrote that value, and that writer must have been invoked before the observer completed. A
 * value from nowhere (corruption, another key's value, a lost initial state) is reported at once,
 * with a plainer explanation than the search could give.
 */
final class UnwrittenValues {
    private UnwrittenValues() {
    }

    /** The first observer, in completion order, of a value no eligible operation could have written. */
    static Optional<Operation> firstObserverOfUnwrittenValue(List<Operation> operations) {
        Map<String, Long> firstWriteInvokedAtEvent = new HashMap<>();
        for (Operation operation : operations) {
            if (mayHaveWritten(operation)) {
                firstWriteInvokedAtEvent.merge(operation.value(), operation.invokedAtEvent(), Math::min);
            }
        }
        return operations.stream()
                .filter(operation -> observed(operation) != null)
                .filter(operation -> firstWriteInvokedAtEvent.getOrDefault(observed(operation), Operation.NEVER)
                        > operation.completedAtEvent())
                .min((first, second) -> Long.compare(first.completedAtEvent(), second.completedAtEvent()));
    }

    static String explain(String key, Operation observer) {
        return "key " + key + " is not linearizable: " + observer.describe() + " saw "
                + Operation.quote(observed(observer)) + ", which no write or compare-and-set invoked before @"
                + observer.completedAtEvent() + " could have written.\n";
    }

    private static boolean mayHaveWritten(Operation operation) {
        return switch (operation.type()) {
            case READ -> false;
            case WRITE -> operation.outcome() != Operation.Outcome.FAIL;
            case CAS -> operation.isOutcomeUnknown() || (operation.isOk() && operation.casApplied());
        };
    }

    /** The non-absent value an operation of known outcome saw, or null if it saw none. */
    private static String observed(Operation operation) {
        if (!operation.isOk()) {
            return null;
        }
        return switch (operation.type()) {
            case READ -> operation.readValue();
            case WRITE -> null;
            case CAS -> operation.casApplied() ? operation.expected() : null;
        };
    }
}
