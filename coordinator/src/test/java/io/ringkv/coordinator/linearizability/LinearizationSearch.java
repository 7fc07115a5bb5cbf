package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizedSet.Configuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Searches for a linearization of one key's operations: Wing and Gong's depth-first search over
 * the {@link CallReturnList}, with Lowe's memoization ({@link SearchMemory}) so that no
 * configuration is searched twice. {@link NextChoices} decides what to try from each one.
 *
 * <p>The search succeeds once every operation with a known outcome is linearized; operations whose
 * outcome is unknown may be left out, which is the same as their never taking effect. Under
 * {@link UnknownOutcomes#MAY_TAKE_EFFECT_REPEATEDLY} they also stay available after taking effect:
 * a weaker specification, so a failure under it is a failure under the real one, and its smaller
 * search space often finds a violation the exact search cannot finish looking for.
 *
 * <p>Each configuration entered counts as one explored state; past {@code maxExploredStates} the
 * search gives up rather than run for ever on a history it cannot decide.
 */
final class LinearizationSearch {
    enum UnknownOutcomes {
        /** The specification: an operation takes effect once or never. */
        TAKE_EFFECT_AT_MOST_ONCE,
        /** A relaxation that only a history violating the specification can fail. */
        MAY_TAKE_EFFECT_REPEATEDLY
    }

    private final List<Operation> operations;
    private final int knownCount;
    private final long maxExploredStates;
    private final boolean unknownOperationsStay;
    private final CallReturnList unlinearized;
    private final LinearizedSet linearized;
    private final SearchMemory memory;
    private final List<Frame> path = new ArrayList<>();
    private String value;
    private int linearizedKnown;
    private long exploredStates;
    private int deepestKnownCount = -1;
    private List<Operation> deepestPrefix = List.of();

    /** {@code operations}: one key's, without failed operations or reads of unknown outcome. */
    LinearizationSearch(List<Operation> operations, long maxExploredStates, UnknownOutcomes unknownOutcomes) {
        if (maxExploredStates < 1) {
            throw new IllegalArgumentException("maxExploredStates " + maxExploredStates + " (expected: >= 1)");
        }
        this.operations = knownOutcomesFirst(operations);
        this.knownCount = (int) operations.stream().filter(Operation::isOk).count();
        this.maxExploredStates = maxExploredStates;
        this.unknownOperationsStay = unknownOutcomes == UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY;
        this.unlinearized = new CallReturnList(this.operations);
        this.linearized = new LinearizedSet(knownCount, operations.size() - knownCount);
        this.memory = unknownOperationsStay ? new VisitedConfigurations() : new FailedConfigurations();
    }

    SearchOutcome run() {
        enter(linearized.with(value, false), false);
        while (linearizedKnown < knownCount) {
            if (exploredStates > maxExploredStates) {
                return SearchOutcome.gaveUp(deepestPrefix, exploredStates);
            }
            Frame top = path.get(path.size() - 1);
            if (top.hasNextChoice()) {
                maybeLinearize(top, top.nextChoice());
            } else if (!backtrack()) {
                return SearchOutcome.notLinearizable(deepestPrefix, exploredStates);
            }
        }
        return SearchOutcome.linearizable(exploredStates);
    }

    /** Linearizes operation {@code index} next, unless the configuration it leads to is ruled out. */
    private void maybeLinearize(Frame top, int index) {
        Operation operation = operations.get(index);
        String after = RegisterModel.next(value, operation);
        boolean leavesSet = leavesSetWhenLinearized(operation);
        if (leavesSet) {
            linearized.add(index);
        }
        Configuration next = linearized.with(after, operation.isOutcomeUnknown());
        if (memory.rulesOut(next)) {
            if (leavesSet) {
                linearized.remove(index);
            }
            return;
        }
        if (leavesSet) {
            unlinearized.lift(index);
        }
        top.chosen = index;
        value = after;
        linearizedKnown += operation.isOk() ? 1 : 0;
        enter(next, operation.isOutcomeUnknown());
    }

    /** Leaves the top configuration as failed; false when it was the start, so nothing is left to try. */
    private boolean backtrack() {
        recordIfDeepest();
        Frame failed = path.remove(path.size() - 1);
        memory.failed(failed.configuration);
        if (path.isEmpty()) {
            return false;
        }
        Frame parent = path.get(path.size() - 1);
        Operation undone = operations.get(parent.chosen);
        if (leavesSetWhenLinearized(undone)) {
            unlinearized.unlift(parent.chosen);
            linearized.remove(parent.chosen);
        }
        value = parent.valueBefore;
        linearizedKnown -= undone.isOk() ? 1 : 0;
        return true;
    }

    private boolean leavesSetWhenLinearized(Operation operation) {
        return operation.isOk() || !unknownOperationsStay;
    }

    private void enter(Configuration configuration, boolean afterUnknown) {
        int[] choices = NextChoices.from(operations, unlinearized.candidates(), value, afterUnknown);
        path.add(new Frame(configuration, choices, value));
        memory.entered(configuration);
        exploredStates++;
    }

    /**
     * Keeps the current path if it linearized more operations of known outcome than any before,
     * without the operations of unknown outcome at its end: they only show an attempt that failed,
     * and would hide from the report the operation that could not be placed.
     */
    private void recordIfDeepest() {
        if (linearizedKnown <= deepestKnownCount) {
            return;
        }
        deepestKnownCount = linearizedKnown;
        int length = path.size() - 1;
        while (length > 0 && operations.get(path.get(length - 1).chosen).isOutcomeUnknown()) {
            length--;
        }
        List<Operation> prefix = new ArrayList<>(length);
        for (int frame = 0; frame < length; frame++) {
            prefix.add(operations.get(path.get(frame).chosen));
        }
        deepestPrefix = prefix;
    }

    private static List<Operation> knownOutcomesFirst(List<Operation> operations) {
        List<Operation> ordered = new ArrayList<>(operations);
        ordered.sort(Comparator.comparing(Operation::isOutcomeUnknown)
                .thenComparingLong(Operation::invokedAtEvent));
        return ordered;
    }

    /** One configuration on the current path and the choices from it still to try. */
    private static final class Frame {
        final Configuration configuration;
        final int[] choices;
        final String valueBefore;
        int nextChoice;
        int chosen = -1;

        Frame(Configuration configuration, int[] choices, String valueBefore) {
            this.configuration = configuration;
            this.choices = choices;
            this.valueBefore = valueBefore;
        }

        boolean hasNextChoice() {
            return nextChoice < choices.length;
        }

        int nextChoice() {
            return choices[nextChoice++];
        }
    }

    /**
     * How a search ended. {@code deepestPrefix} is the sequence with the most operations of known
     * outcome that it could linearize (empty when it succeeded).
     */
    record SearchOutcome(Verdict verdict, List<Operation> deepestPrefix, long exploredStates) {
        static SearchOutcome linearizable(long exploredStates) {
            return new SearchOutcome(Verdict.LINEARIZABLE, List.of(), exploredStates);
        }

        static SearchOutcome notLinearizable(List<Operation> deepestPrefix, long exploredStates) {
            return new SearchOutcome(Verdict.NOT_LINEARIZABLE, deepestPrefix, exploredStates);
        }

        static SearchOutcome gaveUp(List<Operation> deepestPrefix, long exploredStates) {
            return new SearchOutcome(Verdict.UNKNOWN, deepestPrefix, exploredStates);
        }
    }
}
