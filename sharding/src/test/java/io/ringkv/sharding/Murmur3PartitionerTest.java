package io.ringkv.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3PartitionerTest {
    @Test
    void tokenIsTheFirst64BitsOfMurmur3x64_128() {
        for (String key : new String[] {"", "a", "key:000000000001", "ringkv"}) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(Murmur3Partitioner.token(bytes)).isEqualTo(Hashing.murmur3_128(0).hashBytes(bytes).asLong());
        }
        // Murmur3 x64-128 of the empty input with seed 0 is all zeros.
        assertThat(Murmur3Partitioner.token(new byte[0])).isZero();
    }
}
