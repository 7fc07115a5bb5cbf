package io.ringkv.chaos.toxiproxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-proxy toxic list and the toxic values it holds. */
class ToxicSetTest {

    @Test
    void listsUpstreamToxicsFirstEachInTheOrderAdded() {
        ToxicSet toxics = ToxicSet.empty()
                .with(toxic("d1", Direction.DOWNSTREAM))
                .with(toxic("u1", Direction.UPSTREAM))
                .with(toxic("d2", Direction.DOWNSTREAM))
                .with(toxic("u2", Direction.UPSTREAM));

        assertThat(toxics.all()).extracting(ToxicConfig::name).containsExactly("u1", "u2", "d1", "d2");
        assertThat(toxics.forDirection(Direction.DOWNSTREAM)).extracting(ToxicConfig::name).containsExactly("d1", "d2");
    }

    @Test
    void namesAreUniqueAcrossBothStreams() {
        ToxicSet toxics = ToxicSet.empty().with(toxic("same", Direction.UPSTREAM));

        assertThatThrownBy(() -> toxics.with(toxic("same", Direction.DOWNSTREAM)))
                .isInstanceOf(ToxiproxyException.class)
                .hasMessage("toxic already exists");
    }

    @Test
    void updateKeepsThePlaceAndRemoveDropsOnlyThatToxic() {
        ToxicSet toxics = ToxicSet.empty().with(toxic("a", Direction.UPSTREAM)).with(toxic("b", Direction.UPSTREAM));

        ToxicSet updated = toxics.updated("a", toxic -> toxic.withToxicity(0.25));

        assertThat(updated.all()).extracting(ToxicConfig::name).containsExactly("a", "b");
        assertThat(updated.get("a").toxicity()).isEqualTo(0.25);
        assertThat(updated.without("a").all()).extracting(ToxicConfig::name).containsExactly("b");
        assertThat(toxics.get("a").toxicity()).as("values are immutable").isEqualTo(1.0);
    }

    @Test
    void unknownToxicIsNotFound() {
        assertThatThrownBy(() -> ToxicSet.empty().without("missing"))
                .isInstanceOf(ToxiproxyException.class)
                .hasMessage("toxic not found")
                .extracting(e -> ((ToxiproxyException) e).kind()).isEqualTo(ToxiproxyException.Kind.NOT_FOUND);
    }

    @Test
    void aToxicHasEveryAttributeOfItsTypeInOrderAndMergesUpdates() {
        ToxicConfig slicer = ToxicConfig.of(null, ToxicType.SLICER, Direction.UPSTREAM, 1.0, Map.of("delay", 5L, "bogus", 1L));

        assertThat(slicer.name()).isEqualTo("slicer_upstream");
        assertThat(slicer.attributes()).containsExactly(Map.entry("average_size", 0L), Map.entry("size_variation", 0L), Map.entry("delay", 5L));
        assertThat(slicer.withAttributes(Map.of("average_size", 9L)).attributes())
                .containsExactly(Map.entry("average_size", 9L), Map.entry("size_variation", 0L), Map.entry("delay", 5L));
    }

    @Test
    void toxicityOutsideZeroToOneIsABadRequest() {
        assertThatThrownBy(() -> toxic("t", Direction.UPSTREAM).withToxicity(1.5))
                .isInstanceOf(ToxiproxyException.class)
                .hasMessage("toxicity 1.5 (expected: 0 <= toxicity <= 1)");
    }

    private static ToxicConfig toxic(String name, Direction stream) {
        return ToxicConfig.of(name, ToxicType.LATENCY, stream, 1.0, Map.of("latency", 10L));
    }
}
