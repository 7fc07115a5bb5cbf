package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.cli.shell.FaultRequest.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellFaultRequestTest {

    @Test
    void listingFaultsNeedsNoConfirmation() {
        assertThat(FaultRequest.of(List.of("list"), false))
                .isEqualTo(new FaultRequest(List.of("FAULT", "list"), Decision.SEND));
    }

    @Test
    void aFaultAtATerminalIsAskedAboutFirst() {
        assertThat(FaultRequest.of(List.of("partition", "2"), true).decision()).isEqualTo(Decision.ASK_FIRST);
    }

    @Test
    void aFaultInAScriptWithoutYesIsRefused() {
        assertThat(FaultRequest.of(List.of("partition", "2"), false).decision()).isEqualTo(Decision.REFUSE);
    }

    @Test
    void yesSendsAtOnceAndIsNotPassedToTheServer() {
        assertThat(FaultRequest.of(List.of("--yes", "partition", "2"), false))
                .isEqualTo(new FaultRequest(List.of("FAULT", "partition", "2"), Decision.SEND));
    }

    @Test
    void onlyYOrYesConfirms() {
        assertThat(FaultRequest.isYes("y")).isTrue();
        assertThat(FaultRequest.isYes(" YES ")).isTrue();
        assertThat(FaultRequest.isYes("")).isFalse();
        assertThat(FaultRequest.isYes("n")).isFalse();
        assertThat(FaultRequest.isYes(null)).isFalse();
    }

    @Test
    void nothingToSendIsAUsageMistake() {
        assertThatThrownBy(() -> FaultRequest.of(List.of("--yes"), false)).isInstanceOf(UsageException.class);
    }
}
