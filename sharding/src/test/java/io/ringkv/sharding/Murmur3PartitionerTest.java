package io.ringkv.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Murmur3PartitionerTest {

    @Property(tries = 1000)
    void tokenIsTheFirst64BitsOfGuavasMurmur3x64_128(@ForAll @Size(max = 100) byte[] key) {
        long guava = Hashing.murmur3_128(0).hashBytes(key).asLong();
        assertThat(Murmur3Partitioner.token(key)).isEqualTo(guava == Long.MIN_VALUE ? Long.MAX_VALUE : guava);
    }

    @Test
    void emptyKeyHashesToZero() {
        // Murmur3 x64-128 of the empty input with seed 0 is all zeros.
        assertThat(Murmur3Partitioner.token(new byte[0])).isZero();
    }
}
