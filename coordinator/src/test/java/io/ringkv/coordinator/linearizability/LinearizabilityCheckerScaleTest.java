package io.ringkv.coordinator.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.linearizability.RegisterWorkload.Run;
import io.ringkv.coordinator.linearizability.RegisterWorkload.Shape;
import org.junit.jupiter.api.Test;

/** Histories of the size a simulation or a real-cluster test records on one key. */
class LinearizabilityCheckerScaleTest {
    private static final Shape TWO_THOUSAND_OPERATIONS_OF_FIVE_PROCESSES = new Shape(5, 1, 100, 1_900, 5, 2, 2);

    @Test
    void twoThousandOperationsOfFiveProcessesOnOneKeyAreLinearizable() {
        Run run = RegisterWorkload.run(7, TWO_THOUSAND_OPERATIONS_OF_FIVE_PROCESSES);

        CheckResult result = LinearizabilityChecker.check(run.history());

        assertThat(run.history().size()).isEqualTo(2_000);
        assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.LINEARIZABLE);
    }

    /**
     * A violation at the very end makes the search rule out every order of everything before it.
     * Without operations of unknown outcome that is quick; with them it may not be (see
     * {@code LinearizabilityCheckerTest.GivingUp}).
     */
    @Test
    void aStaleReadAfterTwoThousandOperationsIsFound() {
        Shape noUnknownOutcomes = new Shape(5, 1, 100, 1_900, 5, 0, 2);
        History history = RegisterWorkload.run(7, noUnknownOutcomes).history();
        int freshProcess = 5;
        history.okWrite(history.invokeWrite(freshProcess, "k0", "older"));
        history.okWrite(history.invokeWrite(freshProcess, "k0", "newer"));
        history.okRead(history.invokeRead(freshProcess, "k0"), "older");

        CheckResult result = LinearizabilityChecker.check(history);

        assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void oneCorruptedReadAmongTwoThousandOperationsIsFound() {
        int okReads = RegisterWorkload.run(7, TWO_THOUSAND_OPERATIONS_OF_FIVE_PROCESSES).okReads();
        Run run = RegisterWorkload.runWithCorruptedRead(7, TWO_THOUSAND_OPERATIONS_OF_FIVE_PROCESSES, okReads / 2);

        CheckResult result = LinearizabilityChecker.check(run.history());

        assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains(RegisterWorkload.NEVER_WRITTEN);
    }
}
