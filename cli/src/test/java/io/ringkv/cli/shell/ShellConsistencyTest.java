package io.ringkv.cli.shell;

import static io.ringkv.coordinator.consistency.ConsistencyLevel.ALL;
import static io.ringkv.coordinator.consistency.ConsistencyLevel.ONE;
import static io.ringkv.coordinator.consistency.ConsistencyLevel.QUORUM;
import static io.ringkv.coordinator.consistency.ConsistencyLevel.STRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellConsistencyTest {

    @Test
    void sessionsStartAtQuorumForBoth() {
        assertThat(ConsistencySettings.DEFAULT).isEqualTo(new ConsistencySettings(QUORUM, QUORUM));
        assertThat(ConsistencySettings.DEFAULT.promptLabel()).isEqualTo("QUORUM");
    }

    @Test
    void noArgumentChangesNothing() {
        assertThat(ConsistencySettings.DEFAULT.apply(List.of())).isEqualTo(ConsistencySettings.DEFAULT);
    }

    @Test
    void oneLevelSetsReadAndWriteCaseInsensitively() {
        assertThat(ConsistencySettings.DEFAULT.apply(List.of("all"))).isEqualTo(new ConsistencySettings(ALL, ALL));
    }

    @Test
    void readOrWriteSetsOnlyThatOne() {
        ConsistencySettings readOne = ConsistencySettings.DEFAULT.apply(List.of("read", "ONE"));
        assertThat(readOne).isEqualTo(new ConsistencySettings(ONE, QUORUM));
        assertThat(readOne.apply(List.of("WRITE", "strong"))).isEqualTo(new ConsistencySettings(ONE, STRONG));
    }

    @Test
    void differingLevelsShowBothInThePromptAndDescription() {
        ConsistencySettings mixed = new ConsistencySettings(ONE, ALL);
        assertThat(mixed.promptLabel()).isEqualTo("R=ONE W=ALL");
        assertThat(mixed.describe()).isEqualTo("read ONE, write ALL");
    }

    @Test
    void anUnknownLevelIsRejectedNamingTheValidOnes() {
        assertThatThrownBy(() -> ConsistencySettings.DEFAULT.apply(List.of("TWO")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'TWO'").hasMessageContaining("ANY, ONE, QUORUM, ALL or STRONG");
    }

    @Test
    void readOrWriteWithoutALevelIsAUsageMistake() {
        assertThatThrownBy(() -> ConsistencySettings.DEFAULT.apply(List.of("read")))
                .isInstanceOf(UsageException.class).hasMessageContaining("a level must follow 'read'");
    }

    @Test
    void somethingOtherThanReadOrWriteBeforeALevelIsRejected() {
        assertThatThrownBy(() -> ConsistencySettings.DEFAULT.apply(List.of("both", "ONE")))
                .isInstanceOf(UsageException.class).hasMessageContaining("'both'");
    }
}
