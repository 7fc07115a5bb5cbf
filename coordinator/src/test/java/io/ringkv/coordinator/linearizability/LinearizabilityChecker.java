package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.LinearizationSearch.SearchOutcome;
import io.ringkv.coordinator.linearizability.LinearizationSearch.UnknownOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides whether a {@link History} of register operations is linearizable: whether each
 * operation can be given one instant between its invoke and its completion at which it takes
 * effect, so that every answer is what a single register, starting absent, would have given.
 *
 * <p>Linearizability is local, so each key is checked on its own (keys in sorted order). Failed
 * operations are left out; reads of unknown outcome constrain nothing and are left out too; writes
 * and compare-and-sets of unknown outcome (info, or never completed) may take effect at any point
 * after their invoke, or never.
 *
 * <p>Per key: {@link UnwrittenValues} first looks for a value seen that nothing could have written;
 * then {@link LinearizationSearch} looks for a linearization. If that search explores more than
 * {@code maxExploredStatesPerKey} states, a second search with the same limit, which lets
 * operations of unknown outcome take effect any number of times, may still prove a violation;
 * otherwise the key's verdict is {@link Verdict#UNKNOWN}. A violation on any key outranks that.
 */
public final class LinearizabilityChecker {
    public static final long DEFAULT_MAX_EXPLORED_STATES_PER_KEY = 5_000_000;

    private LinearizabilityChecker() {
    }

    public static CheckResult check(History history) {
        return check(history, DEFAULT_MAX_EXPLORED_STATES_PER_KEY);
    }

    public static CheckResult check(History history, long maxExploredStatesPerKey) {
        CheckResult firstGaveUp = null;
        for (Map.Entry<String, List<Operation>> key : constrainingOperationsByKey(history).entrySet()) {
            CheckResult result = checkKey(key.getKey(), key.getValue(), maxExploredStatesPerKey);
            if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
                return result;
            }
            if (result.verdict() == Verdict.UNKNOWN && firstGaveUp == null) {
                firstGaveUp = result;
            }
        }
        return firstGaveUp == null ? CheckResult.ok() : firstGaveUp;
    }

    private static CheckResult checkKey(String key, List<Operation> operations, long maxExploredStates) {
        Optional<Operation> observerOfUnwritten = UnwrittenValues.firstObserverOfUnwrittenValue(operations);
        if (observerOfUnwritten.isPresent()) {
            return CheckResult.notLinearizable(key, UnwrittenValues.explain(key, observerOfUnwritten.get()));
        }
        SearchOutcome exact =
                new LinearizationSearch(operations, maxExploredStates, UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE).run();
        if (exact.verdict() == Verdict.LINEARIZABLE) {
            return CheckResult.ok();
        }
        if (exact.verdict() == Verdict.NOT_LINEARIZABLE) {
            return CheckResult.notLinearizable(key, ViolationReport.notLinearizable(key, operations, exact, false));
        }
        SearchOutcome relaxed =
                new LinearizationSearch(operations, maxExploredStates, UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY).run();
        if (relaxed.verdict() == Verdict.NOT_LINEARIZABLE) {
            return CheckResult.notLinearizable(key, ViolationReport.notLinearizable(key, operations, relaxed, true));
        }
        return CheckResult.gaveUp(key, ViolationReport.gaveUp(key, operations, exact, maxExploredStates));
    }

    /** Each key's operations, without those that constrain nothing: failures and unknown reads. */
    static Map<String, List<Operation>> constrainingOperationsByKey(History history) {
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation operation : history.operations()) {
            boolean constrains = operation.outcome() != Operation.Outcome.FAIL
                    && !(operation.type() == Operation.Type.READ && operation.isOutcomeUnknown());
            if (constrains) {
                byKey.computeIfAbsent(operation.key(), key -> new ArrayList<>()).add(operation);
            }
        }
        return byKey;
    }
}
