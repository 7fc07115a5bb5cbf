package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {
    private final AtomicLong wallMs = new AtomicLong(1_000_000);
    private final HybridClock clock = new HybridClock(wallMs::get, 500);

    @Test
    void timestampsStrictlyIncreaseEvenWhenTheWallClockStandsStill() {
        long first = clock.now();
        long second = clock.now();
        assertThat(second).isGreaterThan(first);
        assertThat(HybridClock.physicalMs(second)).isEqualTo(1_000_000);
    }

    @Test
    void timestampsNeverGoBackwardsWhenTheWallClockDoes() {
        long before = clock.now();
        wallMs.addAndGet(-10_000);
        assertThat(clock.now()).isGreaterThan(before);
    }

    @Test
    void observingARemoteTimestampMovesTheClockPastIt() {
        long remote = HybridClock.timestamp(1_000_300, 7);
        clock.observe(remote);
        assertThat(clock.now()).isGreaterThan(remote);
    }

    @Test
    void aTimestampTooFarAheadIsRejectedAndNotAdopted() {
        long before = clock.now();
        long farAhead = HybridClock.timestamp(1_000_000 + 501, 0);
        assertThatThrownBy(() -> clock.observe(farAhead))
                .isInstanceOf(ClockSkewException.class)
                .hasMessageContaining("501 ms ahead");
        assertThat(clock.current()).isEqualTo(before);
    }
}
