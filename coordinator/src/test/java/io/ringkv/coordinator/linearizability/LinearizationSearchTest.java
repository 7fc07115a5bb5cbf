package io.ringkv.coordinator.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.coordinator.linearizability.LinearizationSearch.SearchOutcome;
import io.ringkv.coordinator.linearizability.LinearizationSearch.UnknownOutcomes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LinearizationSearchTest {
    private final History history = new History();

    @Test
    void anInfoWriteTakesEffectAtMostOnce() {
        givenAnInfoWriteSeenOnBothSidesOfAnotherWrite();

        assertThat(search(UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void theRelaxationLetsAnInfoWriteTakeEffectAgain() {
        givenAnInfoWriteSeenOnBothSidesOfAnotherWrite();

        assertThat(search(UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY).verdict()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void theRelaxationStillRejectsAStaleRead() {
        history.info(history.invokeWrite(1, "k", "x"));
        write(2, "a");
        write(2, "b");
        read(2, "a");

        assertThat(search(UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    @Timeout(10)
    void theRelaxationEndsOnACycleOfInfoCompareAndSets() {
        history.info(history.invokeCas(1, "k", "a", "b"));
        history.info(history.invokeCas(2, "k", "b", "a"));
        write(3, "a");
        read(3, "c");
        write(3, "c");

        assertThat(search(UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aReadOfAValueNeverWrittenHasNoLinearization() {
        history.info(history.invokeWrite(1, "k", "x"));
        write(2, "a");
        read(2, "z");

        assertThat(search(UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE).verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void deepestPrefixIsTheLongestRunLinearized() {
        write(1, "a");
        write(1, "b");
        read(2, "a");

        SearchOutcome outcome = search(UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE);

        assertThat(outcome.deepestPrefix()).extracting(Operation::value).containsExactly("a", "b");
    }

    @Test
    void deepestPrefixLeavesOutOperationsOfUnknownOutcomeThatLedNowhere() {
        int infoWrite = history.invokeWrite(1, "k", "x");
        write(2, "a");
        write(2, "b");
        read(2, "a");
        history.info(infoWrite);

        SearchOutcome outcome = search(UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE);

        assertThat(outcome.deepestPrefix()).extracting(Operation::value).containsExactly("a", "b");
    }

    @Test
    void aLimitBelowOneIsRejected() {
        assertThatThrownBy(() -> new LinearizationSearch(List.of(), 0, UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxExploredStates 0 (expected: >= 1)");
    }

    private void givenAnInfoWriteSeenOnBothSidesOfAnotherWrite() {
        int infoWrite = history.invokeWrite(1, "k", "a");
        read(2, "a");
        write(2, "b");
        read(2, "a");
        history.info(infoWrite);
    }

    private SearchOutcome search(UnknownOutcomes unknownOutcomes) {
        return new LinearizationSearch(history.operations(), 1_000, unknownOutcomes).run();
    }

    private void write(int process, String value) {
        history.okWrite(history.invokeWrite(process, "k", value));
    }

    private void read(int process, String returned) {
        history.okRead(history.invokeRead(process, "k"), returned);
    }
}
