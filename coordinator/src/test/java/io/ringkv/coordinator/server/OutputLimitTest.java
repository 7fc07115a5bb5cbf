package io.ringkv.coordinator.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pub/sub output limit's decisions: hard at once, soft only after staying above it for its seconds on end. */
class OutputLimitTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theHardLimitCutsAtOnce() {
        OutputLimit.Tracker tracker = new OutputLimit(1000, 100, 60).tracker();
        assertThat(tracker.exceeded(1000, 0)).isFalse();
        assertThat(tracker.exceeded(1001, 0)).isTrue();
    }

    @Test
    void theSoftLimitCutsOnlyAfterItsSecondsAboveItOnEnd() {
        OutputLimit.Tracker tracker = new OutputLimit(1000, 100, 2).tracker();
        assertThat(tracker.exceeded(100, 0)).as("at the soft limit is not over it").isFalse();
        assertThat(tracker.exceeded(101, 0)).isFalse();
        assertThat(tracker.exceeded(500, 2 * SECOND - 1)).isFalse();
        assertThat(tracker.exceeded(500, 2 * SECOND)).isTrue();
    }

    @Test
    void droppingBelowTheSoftLimitStartsTheCountAgain() {
        OutputLimit.Tracker tracker = new OutputLimit(1000, 100, 2).tracker();
        assertThat(tracker.exceeded(200, 0)).isFalse();
        assertThat(tracker.exceeded(50, SECOND)).isFalse();
        assertThat(tracker.exceeded(200, SECOND + 1)).isFalse();
        assertThat(tracker.exceeded(200, 3 * SECOND)).as("only 2 s - 1 ns above since it dropped").isFalse();
        assertThat(tracker.exceeded(200, 3 * SECOND + 1)).isTrue();
    }

    @Test
    void aSoftLimitOfZeroIsNone() {
        OutputLimit.Tracker tracker = new OutputLimit(1000, 0, 1).tracker();
        assertThat(tracker.exceeded(999, 0)).isFalse();
        assertThat(tracker.exceeded(999, 100 * SECOND)).isFalse();
    }
}
