package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizationSearch.SearchOutcome;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a failed or abandoned search into text a person can debug from: the longest linearizable
 * prefix found, the operation that had to take effect next, and why each operation that could have
 * gone next did not. Operations appear as in {@link History#toString()}, so they can be found there.
 */
final class ViolationReport {
    /** Keeps a report readable when the prefix or the set of candidates runs to thousands. */
    static final int MAX_LISTED_OPERATIONS = 20;

    private ViolationReport() {
    }

    /**
     * @param unknownOperationsStay the search let operations of unknown outcome take effect any
     *     number of times, so the prefix may repeat them and they are still available after it
     */
    static String notLinearizable(String key, List<Operation> operations, SearchOutcome outcome,
            boolean unknownOperationsStay) {
        StringBuilder text = new StringBuilder();
        text.append("key ").append(key).append(" is not linearizable: no order of its ")
                .append(operations.size()).append(" operations respects both real time and the register's rules");
        if (unknownOperationsStay) {
            text.append(", even if each operation of unknown outcome could take effect any number of times");
        }
        text.append(" (").append(outcome.exploredStates()).append(" states explored).\n");
        String value = appendPrefix(text, outcome.deepestPrefix());
        Operation due = firstDue(operations, outcome.deepestPrefix());
        text.append("Next, ").append(due.describe()).append(" had to take effect by @")
                .append(due.completedAtEvent()).append(", but with the value ").append(Operation.quote(value))
                .append(" no operation that could go first works:\n");
        appendWhyNotNext(text, remaining(operations, outcome.deepestPrefix(), unknownOperationsStay), due, value);
        return text.toString();
    }

    static String gaveUp(String key, List<Operation> operations, SearchOutcome outcome, long maxExploredStates) {
        long unknown = operations.stream().filter(Operation::isOutcomeUnknown).count();
        StringBuilder text = new StringBuilder();
        text.append("gave up on key ").append(key).append(" after exploring ").append(outcome.exploredStates())
                .append(" states (maxExploredStates=").append(maxExploredStates).append(") without deciding; it has ")
                .append(operations.size()).append(" operations, ").append(unknown)
                .append(" of them of unknown outcome.\n");
        appendPrefix(text, outcome.deepestPrefix());
        text.append("Next due: ").append(firstDue(operations, outcome.deepestPrefix()).describe()).append('\n');
        return text.toString();
    }

    /** Lists the prefix with the value after each operation, and returns the value after all of it. */
    private static String appendPrefix(StringBuilder text, List<Operation> prefix) {
        text.append("Longest linearizable prefix found: ").append(prefix.size()).append(" operations");
        int firstListed = Math.max(0, prefix.size() - MAX_LISTED_OPERATIONS);
        text.append(firstListed > 0 ? " (the last " + MAX_LISTED_OPERATIONS + " below)" : "").append(":\n");
        String value = null;
        for (int position = 0; position < prefix.size(); position++) {
            Operation operation = prefix.get(position);
            assert RegisterModel.isLegal(value, operation) : operation.describe() + " on " + Operation.quote(value);
            value = RegisterModel.next(value, operation);
            if (position >= firstListed) {
                text.append("  ").append(position + 1).append(". ").append(operation.describe())
                        .append("  => ").append(Operation.quote(value)).append('\n');
            }
        }
        return value;
    }

    private static void appendWhyNotNext(StringBuilder text, List<Operation> remaining, Operation due, String value) {
        List<Operation> couldGoNext = remaining.stream()
                .filter(operation -> operation.invokedAtEvent() < due.completedAtEvent())
                .sorted(Comparator.comparingLong(Operation::invokedAtEvent))
                .toList();
        couldGoNext.stream().limit(MAX_LISTED_OPERATIONS).forEach(operation -> text.append("  ")
                .append(operation.describe()).append(": ").append(whyNotNext(value, operation)).append('\n'));
        if (couldGoNext.size() > MAX_LISTED_OPERATIONS) {
            text.append("  ... and ").append(couldGoNext.size() - MAX_LISTED_OPERATIONS).append(" more\n");
        }
    }

    private static String whyNotNext(String value, Operation operation) {
        if (!RegisterModel.isLegal(value, operation)) {
            return RegisterModel.whyIllegal(value, operation);
        }
        if (operation.isOutcomeUnknown() && Objects.equals(RegisterModel.next(value, operation), value)) {
            return "its outcome is unknown and it would change nothing here";
        }
        return "legal here, but no linearization continues after it";
    }

    /** The operation of known outcome, not in the prefix, that returned first. */
    private static Operation firstDue(List<Operation> operations, List<Operation> prefix) {
        return remaining(operations, prefix, true).stream()
                .filter(Operation::isOk)
                .min(Comparator.comparingLong(Operation::completedAtEvent))
                .orElseThrow(() -> new IllegalStateException("a search that did not succeed left nothing due"));
    }

    private static List<Operation> remaining(List<Operation> operations, List<Operation> prefix,
            boolean unknownOperationsStay) {
        Set<Integer> linearizedIds = new HashSet<>();
        prefix.stream()
                .filter(operation -> operation.isOk() || !unknownOperationsStay)
                .forEach(operation -> linearizedIds.add(operation.id()));
        return operations.stream().filter(operation -> !linearizedIds.contains(operation.id())).toList();
    }
}
