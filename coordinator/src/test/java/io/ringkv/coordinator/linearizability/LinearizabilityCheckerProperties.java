package io.ringkv.coordinator.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.linearizability.LinearizationSearch.SearchOutcome;
import io.ringkv.coordinator.linearizability.LinearizationSearch.UnknownOutcomes;
import io.ringkv.coordinator.linearizability.RegisterWorkload.Run;
import io.ringkv.coordinator.linearizability.RegisterWorkload.Shape;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Laws of the checker over generated histories. Each history comes from a seed, so a failure that
 * jqwik reports (seed and parameters) replays with {@link RegisterWorkload#run} or
 * {@link ArbitraryRegisterHistory#generate} in a plain test.
 */
class LinearizabilityCheckerProperties {

    @Property(tries = 300)
    void executedHistoriesAreLinearizable(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int processes,
            @ForAll @IntRange(min = 1, max = 3) int keys,
            @ForAll @IntRange(min = 0, max = 30) int sequentialOperations,
            @ForAll @IntRange(min = 0, max = 150) int concurrentOperations) {
        Shape shape = new Shape(processes, keys, sequentialOperations, concurrentOperations, 4, 5, 5);

        Run run = RegisterWorkload.run(seed, shape);

        CheckResult result = LinearizabilityChecker.check(run.history());
        assertThat(result.verdict()).as("%s%n%s", result, run.history()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Property(tries = 300)
    void aReadOfAValueNeverWrittenMakesAnExecutedHistoryNonLinearizable(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int processes,
            @ForAll @IntRange(min = 1, max = 3) int keys,
            @ForAll @IntRange(min = 0, max = 30) int sequentialOperations,
            @ForAll @IntRange(min = 1, max = 150) int concurrentOperations,
            @ForAll @IntRange(min = 0, max = 1_000) int readChoice) {
        Shape shape = new Shape(processes, keys, sequentialOperations, concurrentOperations, 4, 5, 5);
        int okReads = RegisterWorkload.run(seed, shape).okReads();
        Assume.that(okReads > 0);

        Run corrupted = RegisterWorkload.runWithCorruptedRead(seed, shape, readChoice % okReads);

        CheckResult result = LinearizabilityChecker.check(corrupted.history());
        assertThat(result.verdict()).as("%s%n%s", result, corrupted.history()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains(RegisterWorkload.NEVER_WRITTEN);
    }

    @Property(tries = 300)
    void aStaleReadAfterAnExecutedHistoryMakesItNonLinearizable(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int processes,
            @ForAll @IntRange(min = 0, max = 150) int concurrentOperations) {
        Shape shape = new Shape(processes, 1, 0, concurrentOperations, 4, 5, 5);
        History history = RegisterWorkload.run(seed, shape).history();
        int freshProcess = processes;
        history.okWrite(history.invokeWrite(freshProcess, "k0", "older"));
        history.okWrite(history.invokeWrite(freshProcess, "k0", "newer"));
        history.okRead(history.invokeRead(freshProcess, "k0"), "older");

        CheckResult result = LinearizabilityChecker.check(history);

        assertThat(result.verdict()).as("%s%n%s", result, history).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo("k0");
        // Every other operation of known outcome can be linearized, so the report's deepest prefix
        // ends with the newer write, and names the stale read as the one that could not follow.
        assertThat(result.explanation())
                .contains("Next, #" + (history.size() - 1) + " p" + freshProcess + " read(k0) ok \"older\"")
                .contains("it returned \"older\" but the value is \"newer\"");
    }

    @Property(tries = 3_000)
    void agreesWithBruteForceOnSmallArbitraryHistories(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 1, max = 10) int operations) {
        History history = ArbitraryRegisterHistory.generate(seed, processes, operations);

        CheckResult result = LinearizabilityChecker.check(history);

        boolean expected = BruteForceLinearizability.isLinearizable(history.operations());
        assertThat(result.verdict()).as("%s%n%s", result, history)
                .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
    }

    @Property(tries = 3_000)
    void searchLettingUnknownOutcomesRepeatAcceptsEveryLinearizableHistory(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int processes,
            @ForAll @IntRange(min = 1, max = 10) int operations) {
        History history = ArbitraryRegisterHistory.generate(seed, processes, operations);
        Assume.that(BruteForceLinearizability.isLinearizable(history.operations()));
        List<Operation> constraining = LinearizabilityChecker.constrainingOperationsByKey(history)
                .getOrDefault("k", List.of());

        SearchOutcome relaxed = new LinearizationSearch(constraining, 1_000_000,
                UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY).run();

        assertThat(relaxed.verdict()).as("%s", history).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void arbitraryHistoriesAreOfBothKinds() {
        int linearizable = 0;
        int total = 500;
        for (long seed = 0; seed < total; seed++) {
            History history = ArbitraryRegisterHistory.generate(seed, 3, 8);
            linearizable += BruteForceLinearizability.isLinearizable(history.operations()) ? 1 : 0;
        }
        assertThat(linearizable).as("linearizable histories among %d", total).isBetween(total / 10, total * 9 / 10);
    }
}
