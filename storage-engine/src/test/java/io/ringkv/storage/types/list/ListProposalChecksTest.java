package io.ringkv.storage.types.list;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a STRONG proposer learns from a list's state about its own pop, partly accepted earlier:
 * held when it was chosen (merged in, not made the state), lacking when another pop of the same
 * element was chosen instead, and neither when it cannot tell.
 */
class ListProposalChecksTest {
    private static final long NOW_MS = 1_000_000;

    private static Cell queue() {
        List<byte[]> elements = List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
        long[] hlc = {100};
        return ValueTypes.merge(null, ListEdits.push(null, ListEdits.positioned(elements, () -> ++hlc[0], 1, false),
                new Dot(200, 1), NOW_MS));
    }

    @Test
    void aChosenPopIsHeldAndNotLacking() {
        Cell state = queue();
        Cell ours = ListEdits.pop(state, 1, true, new Dot(300, 2), NOW_MS).delta();
        Cell after = ValueTypes.merge(state, ours);
        Cell later = ValueTypes.merge(after, ListEdits.pop(after, 1, true, new Dot(400, 3), NOW_MS).delta());
        assertThat(ValueTypes.holds(later, ours)).isTrue();
        assertThat(ValueTypes.lacks(later, ours)).isFalse();
        assertThat(ours).as("a delta, not the state").isNotEqualTo(later);
    }

    @Test
    void aPopOfTheSameElementChosenInsteadShowsOursLacking() {
        Cell state = queue();
        Cell ours = ListEdits.pop(state, 1, true, new Dot(300, 2), NOW_MS).delta();
        // Another consumer read the same state and its pop, with a newer version, was chosen.
        Cell theirs = ListEdits.pop(state, 1, true, new Dot(310, 3), NOW_MS).delta();
        Cell after = ValueTypes.merge(state, theirs);
        assertThat(ValueTypes.merge(after, ours)).as("merging ours changes nothing: the lattice alone cannot tell").isEqualTo(after);
        assertThat(ValueTypes.holds(after, ours)).isFalse();
        assertThat(ValueTypes.lacks(after, ours)).isTrue();
        assertThat(ValueTypes.lacks(state, ours)).as("not merged at all").isTrue();
    }

    @Test
    void aPopEndedByANewerDeleteIsNeitherHeldNorKnownLacking() {
        Cell state = queue();
        Cell ours = ListEdits.pop(state, 1, true, new Dot(300, 2), NOW_MS).delta();
        Cell deleted = ValueTypes.merge(ValueTypes.merge(state, ours), Cell.tombstone(500, 3));
        assertThat(ValueTypes.holds(deleted, ours)).isFalse();
        assertThat(ValueTypes.lacks(deleted, ours)).as("it may have been chosen before the delete").isFalse();
    }
}
