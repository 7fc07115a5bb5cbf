package io.ringkv.coordinator.linearizability;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the candidate operations the search tries next from a configuration, best bet first.
 *
 * <p>Each rule drops only choices that cannot succeed unless a kept choice also can, so the search
 * stays exact (if some linearization exists, one exists that obeys every rule at once):
 *
 * <ol>
 *   <li>A read or rejected compare-and-set that is legal now is the only choice. It changes
 *       nothing, so moving it to the front of any linearization leaves that linearization valid.
 *   <li>An operation of unknown outcome that would change nothing is never chosen: leaving it out
 *       is the same linearization.
 *   <li>Right after an operation of unknown outcome, no write is chosen. Its value would be erased
 *       before anything observed it, and the linearization without it is just as valid; so only a
 *       read or compare-and-set may follow it.
 *   <li>Of candidates of unknown outcome with the same request, only the earliest invoked is
 *       chosen: neither has a deadline, so any linearization using the other may use it instead.
 * </ol>
 *
 * <p>Among the rest, operations with a known outcome come first, the one due soonest first.
 */
final class NextChoices {
    private NextChoices() {
    }

    /**
     * @param candidates indexes into {@code operations} of those that may take effect next, in
     *     invoke order
     */
    static int[] from(List<Operation> operations, int[] candidates, String value, boolean afterUnknownOperation) {
        // Known ones fill the array from the front, unknown ones from the back.
        int[] choices = new int[candidates.length];
        int known = 0;
        int unknown = 0;
        Set<Request> unknownRequests = new HashSet<>();
        for (int index : candidates) {
            Operation operation = operations.get(index);
            if (!RegisterModel.isLegal(value, operation)) {
                continue;
            }
            if (operation.isOk() && neverChangesValue(operation)) {
                return new int[] {index};
            }
            if (afterUnknownOperation && operation.type() == Operation.Type.WRITE) {
                continue;
            }
            if (operation.isOk()) {
                choices[known++] = index;
            } else if (!Objects.equals(RegisterModel.next(value, operation), value)
                    && unknownRequests.add(Request.of(operation))) {
                choices[choices.length - 1 - unknown++] = index;
            }
        }
        sortByDeadline(operations, choices, known);
        int[] ordered = Arrays.copyOf(choices, known + unknown);
        for (int i = 0; i < unknown; i++) { // back in invoke order
            ordered[known + i] = choices[choices.length - 1 - i];
        }
        return ordered;
    }

    /** Insertion sort: there are rarely more than a few candidates of known outcome. */
    private static void sortByDeadline(List<Operation> operations, int[] choices, int count) {
        for (int i = 1; i < count; i++) {
            int index = choices[i];
            long deadline = operations.get(index).completedAtEvent();
            int j = i - 1;
            while (j >= 0 && operations.get(choices[j]).completedAtEvent() > deadline) {
                choices[j + 1] = choices[j];
                j--;
            }
            choices[j + 1] = index;
        }
    }

    private static boolean neverChangesValue(Operation operation) {
        return operation.type() == Operation.Type.READ
                || (operation.type() == Operation.Type.CAS && !operation.casApplied());
    }

    /** What an operation of unknown outcome asked for: all that its effect depends on. */
    private record Request(Operation.Type type, String expected, String value) {
        static Request of(Operation operation) {
            return new Request(operation.type(), operation.expected(), operation.value());
        }
    }
}
