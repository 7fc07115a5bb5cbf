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
 * <p>Per key, {@link UnwrittenValues} first looks for a value seen that nothing could have written.
 * Then {@link LinearizationSearch} looks for a linearization, in up to three attempts, each
 * exploring at most {@code maxExploredStatesPerKey} states:
 *
 * <ol>
 *   <li>the exact search, cut short at {@link #QUICK_ATTEMPT_STATES}: enough for nearly every
 *       linearizable history, so those cost one search;
 *   <li>a search that lets operations of unknown outcome take effect any number of times: a weaker
 *       specification, so its violations are real ones, and with many such operations it finds
 *       them far sooner than the exact search can rule out every alternative;
 *   <li>the exact search again, with the whole limit.
 * </ol>
 *
 * <p>If none decides, the key's verdict is {@link Verdict#UNKNOWN}; a violation on any key
 * outranks that. Memory per search is bounded ({@link SearchMemory#MAX_REMEMBERED_CONFIGURATIONS});
 * at the default limit a search that gives up takes some tens of seconds.
 */
public final class LinearizabilityChecker {
    public static final long DEFAULT_MAX_EXPLORED_STATES_PER_KEY = 5_000_000;
    /** Linearizable histories of thousands of operations need well under this (tens of thousands). */
    static final long QUICK_ATTEMPT_STATES = 200_000;

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
        long quickAttemptStates = Math.min(QUICK_ATTEMPT_STATES, maxExploredStates);
        SearchOutcome quick = search(operations, quickAttemptStates, UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE);
        if (quick.verdict() != Verdict.UNKNOWN) {
            return decided(key, operations, quick, false);
        }
        SearchOutcome relaxed = search(operations, maxExploredStates, UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY);
        if (relaxed.verdict() == Verdict.NOT_LINEARIZABLE) {
            return decided(key, operations, relaxed, true);
        }
        SearchOutcome full = quickAttemptStates < maxExploredStates
                ? search(operations, maxExploredStates, UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE)
                : quick;
        if (full.verdict() != Verdict.UNKNOWN) {
            return decided(key, operations, full, false);
        }
        return CheckResult.gaveUp(key, ViolationReport.gaveUp(key, operations, full, maxExploredStates));
    }

    private static SearchOutcome search(List<Operation> operations, long maxExploredStates,
            UnknownOutcomes unknownOutcomes) {
        return new LinearizationSearch(operations, maxExploredStates, unknownOutcomes).run();
    }

    private static CheckResult decided(String key, List<Operation> operations, SearchOutcome outcome,
            boolean unknownOperationsStayed) {
        return outcome.verdict() == Verdict.LINEARIZABLE
                ? CheckResult.ok()
                : CheckResult.notLinearizable(key,
                        ViolationReport.notLinearizable(key, operations, outcome, unknownOperationsStayed));
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
