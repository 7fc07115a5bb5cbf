package io.ringkv.coordinator.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.types.counter.OwnIncrements;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IncrementMemoryTest {
    private final AtomicLong nowMs = new AtomicLong(1_000);

    private static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static OwnIncrements fresh() {
        return OwnIncrements.startingFrom(null, 1, 4);
    }

    @Test
    void aKeyIsRememberedWithinTheWindowAfterItsLastIncrementOnly() {
        IncrementMemory memory = new IncrementMemory(100, 50, nowMs::get);
        OwnIncrements first = memory.forIncrement(key(1), IncrementMemoryTest::fresh);
        nowMs.addAndGet(40);
        assertThat(memory.forIncrement(key(1), IncrementMemoryTest::fresh)).isSameAs(first);
        nowMs.addAndGet(40);
        assertThat(memory.get(key(1))).as("40 ms after its last increment").isSameAs(first);
        nowMs.addAndGet(11);
        assertThat(memory.get(key(1))).as("51 ms after").isNull();
        assertThat(memory.forIncrement(key(1), IncrementMemoryTest::fresh)).isNotSameAs(first);
    }

    @Test
    void itHoldsAtMostItsKeysAndKeepsTheOneIncrementedNow() {
        IncrementMemory memory = new IncrementMemory(10, 60_000, nowMs::get);
        for (int i = 0; i < 1_000; i++) {
            OwnIncrements own = memory.forIncrement(key(i), IncrementMemoryTest::fresh);
            assertThat(memory.get(key(i))).isSameAs(own);
            assertThat(memory.size()).isLessThanOrEqualTo(10);
        }
        // A key incremented again since it was remembered gets a second chance over one that was not.
        OwnIncrements hot = memory.get(key(990));
        nowMs.incrementAndGet();
        memory.forIncrement(key(990), IncrementMemoryTest::fresh);
        for (int i = 1_000; i < 1_009; i++) {
            memory.forIncrement(key(i), IncrementMemoryTest::fresh);
        }
        assertThat(memory.get(key(990))).isSameAs(hot);
        assertThat(memory.get(key(991))).isNull();
        memory.forget(key(999));
        assertThat(memory.get(key(999))).isNull();
    }
}
