package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCompletionTest {

    @Test
    void theFirstWordCompletesToEveryCommand() {
        assertThat(CompletionCandidates.after(List.of())).contains("get", "set", "status", "ring", "repair", "fault",
                "tracing", "bench", "consistency", "help").containsAll(DataCommands.NAMES);
    }

    @Test
    void consistencyOffersReadWriteAndTheLevels() {
        assertThat(CompletionCandidates.after(List.of("consistency")))
                .containsExactly("read", "write", "any", "one", "quorum", "all", "strong");
    }

    @Test
    void afterReadOrWriteOnlyLevelsFollow() {
        assertThat(CompletionCandidates.after(List.of("consistency", "write")))
                .containsExactly("any", "one", "quorum", "all", "strong");
        assertThat(CompletionCandidates.after(List.of("consistency", "one"))).isEmpty();
    }

    @Test
    void subcommandsComplete() {
        assertThat(CompletionCandidates.after(List.of("tracing"))).containsExactly("on", "off");
        assertThat(CompletionCandidates.after(List.of("repair"))).containsExactly("full");
        assertThat(CompletionCandidates.after(List.of("fault"))).contains("list", "--yes");
        assertThat(CompletionCandidates.after(List.of("info"))).contains("keyspace", "replication");
        assertThat(CompletionCandidates.after(List.of("help"))).contains("status", "repair");
    }

    @Test
    void setOptionsCompleteOnlyAfterKeyAndValue() {
        assertThat(CompletionCandidates.after(List.of("set", "k"))).isEmpty();
        assertThat(CompletionCandidates.after(List.of("set", "k", "v"))).containsExactly("ex", "nx", "xx");
    }

    @Test
    void benchCompletesItsOwnOptions() {
        assertThat(CompletionCandidates.after(List.of("bench"))).contains("--workload", "--records", "--duration");
    }

    @Test
    void keysAreNotGuessed() {
        assertThat(CompletionCandidates.after(List.of("get"))).isEmpty();
        assertThat(CompletionCandidates.after(List.of("ring"))).isEmpty();
    }
}
