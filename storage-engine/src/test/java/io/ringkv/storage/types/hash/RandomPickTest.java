package io.ringkv.storage.types.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HRANDFIELD, SRANDMEMBER and SPOP on a large hash pick through {@link HashState#randomLive}: live fields, each equally likely. */
class RandomPickTest {
    private static final long NOW_MS = 1_000_000;
    private static final int FIELDS = 20_000;

    @Test
    void picksOnlyLiveFieldsEachEquallyLikely() {
        List<byte[]> pairs = new ArrayList<>();
        for (int i = 0; i < FIELDS + 5_000; i++) {
            pairs.add(("field:" + i).getBytes(StandardCharsets.UTF_8));
            pairs.add(("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        Cell hash = HashEdits.set(null, pairs, new Dot(10, 1), NOW_MS).delta();
        List<byte[]> removed = new ArrayList<>();
        for (int i = FIELDS; i < FIELDS + 5_000; i++) {
            removed.add(("field:" + i).getBytes(StandardCharsets.UTF_8));
        }
        hash = ValueTypes.merge(hash, HashEdits.delete(hash, removed, new Dot(11, 1), NOW_MS).delta());
        HashState state = HashState.of(hash);
        assertThat(state.size()).isEqualTo(FIELDS);
        assertThat(state.fieldCount()).isEqualTo(FIELDS + 5_000);

        SplittableRandom random = new SplittableRandom(7);
        Map<String, Integer> picks = new HashMap<>();
        int draws = FIELDS * 20;
        for (int i = 0; i < draws; i++) {
            boolean found = state.randomLive(random, 1_000, (name, value) -> {
                String field = new String(name, StandardCharsets.UTF_8);
                assertThat(value).isEqualTo(("v" + field.substring("field:".length())).getBytes(StandardCharsets.UTF_8));
                picks.merge(field, 1, Integer::sum);
            });
            assertThat(found).isTrue();
        }
        assertThat(picks.keySet()).allSatisfy(field -> assertThat(Integer.parseInt(field.substring(6))).isLessThan(FIELDS));
        // Pearson's chi-square over the fields: about FIELDS (± sqrt(2 × FIELDS) = 200) when uniform;
        // picking a bucket and then a field in it gives several times that here.
        double expected = (double) draws / FIELDS;
        double chiSquare = 0;
        for (int i = 0; i < FIELDS; i++) {
            int observed = picks.getOrDefault("field:" + i, 0);
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        assertThat(chiSquare).isBetween(FIELDS - 1_200.0, FIELDS + 1_200.0);
    }

    @Test
    void aHashWithNoLiveFieldYieldsNothing() {
        Cell hash = HashEdits.set(null, List.of("f".getBytes(StandardCharsets.UTF_8), new byte[0]), new Dot(10, 1), NOW_MS).delta();
        hash = ValueTypes.merge(hash, HashEdits.delete(hash, List.of("f".getBytes(StandardCharsets.UTF_8)), new Dot(11, 1),
                NOW_MS).delta());
        assertThat(HashState.of(hash).randomLive(new SplittableRandom(1), 100, (name, value) -> {
            throw new AssertionError("picked a removed field");
        })).isFalse();
    }
}
