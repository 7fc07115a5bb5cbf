package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellFailoverOrderTest {

    @Test
    void afterALostConnectionTheOtherNodesComeFirstAndTheLostOneLast() {
        assertThat(FailoverOrder.afterLoss(7001, List.of(7001, 7002, 7003))).containsExactly(7002, 7003, 7001);
    }

    @Test
    void afterATimeoutTheSameNodeIsTriedFirst() {
        assertThat(FailoverOrder.afterTimeout(7002, List.of(7001, 7002, 7003))).containsExactly(7002, 7001, 7003);
    }

    @Test
    void withoutARingOnlyTheCurrentNodeIsTried() {
        assertThat(FailoverOrder.afterLoss(7001, List.of())).containsExactly(7001);
    }

    @Test
    void unknownPortsAreSkipped() {
        assertThat(FailoverOrder.afterLoss(7001, List.of(RingNode.UNKNOWN_PORT, 7002))).containsExactly(7002, 7001);
    }
}
