package io.ringkv.chaos.toxiproxy.toxic;

import static io.ringkv.chaos.toxiproxy.toxic.Pieces.ms;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.piece;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.readyAtMs;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.sizes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How toxics compose on one stream and how a running chain follows changes of its toxics. */
class ToxicChainTest {

    private final Random random = new Random(42);

    @Test
    void latenciesAddUp() {
        ToxicChain chain = ToxicChain.start(List.of(latency("a", 40), latency("b", 60)), 0, random);

        assertThat(readyAtMs(chain.onData(piece(1, 10)).pieces())).containsExactly(110L);
    }

    @Test
    void anEndFromOneToxicPassesThroughTheToxicsAfterIt() {
        ToxicChain chain = ToxicChain.start(List.of(toxic("limit", ToxicType.LIMIT_DATA, Map.of("bytes", 10L)),
                toxic("slow", ToxicType.SLOW_CLOSE, Map.of("delay", 500L))), 0, random);

        Flow flow = chain.onData(piece(25, 100));

        assertThat(sizes(flow.pieces())).containsExactly(10);
        assertThat(flow.endAtNanos()).hasValue(ms(600));
    }

    @Test
    void withoutToxicsDataPassesAndTheEndIsImmediate() {
        ToxicChain chain = ToxicChain.start(List.of(), 0, random);

        assertThat(readyAtMs(chain.onData(piece(5, 7)).pieces())).containsExactly(7L);
        assertThat(chain.onEnd(ms(9)).endAtNanos()).hasValue(ms(9));
        assertThat(chain.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aToxicThatLosesItsToxicityDrawPassesDataThrough() {
        ToxicConfig neverApplies = toxic("hole", ToxicType.TIMEOUT, Map.of()).withToxicity(0);

        ToxicChain chain = ToxicChain.start(List.of(neverApplies), 0, random);

        assertThat(sizes(chain.onData(piece(5, 0)).pieces())).containsExactly(5);
    }

    @Test
    void toxicityAppliesToAboutThatShareOfConnections() {
        ToxicConfig half = toxic("hole", ToxicType.TIMEOUT, Map.of()).withToxicity(0.5);
        int swallowed = 0;
        for (int connection = 0; connection < 1_000; connection++) {
            if (ToxicChain.start(List.of(half), 0, random).onData(piece(1, 0)).pieces().isEmpty()) {
                swallowed++;
            }
        }

        assertThat(swallowed).isBetween(400, 600);
    }

    @Test
    void timeoutDeadlineEndsTheStreamThroughTheRestOfTheChain() {
        ToxicChain chain = ToxicChain.start(List.of(toxic("cut", ToxicType.TIMEOUT, Map.of("timeout", 100L)),
                toxic("slow", ToxicType.SLOW_CLOSE, Map.of("delay", 50L))), ms(20), random);

        assertThat(chain.nextDeadlineNanos()).isEqualTo(ms(120));
        assertThat(chain.onDeadline(ms(121)).endAtNanos()).hasValue(ms(171));
    }

    @Test
    void rebuildKeepsTheStateOfUnchangedToxics() {
        ToxicConfig limit = toxic("limit", ToxicType.LIMIT_DATA, Map.of("bytes", 10L));
        ToxicChain chain = ToxicChain.start(List.of(limit), 0, random);
        chain.onData(piece(8, 0));

        ToxicChain rebuilt = chain.rebuild(List.of(limit, latency("late", 0)), ms(1)).chain();

        Flow flow = rebuilt.onData(piece(8, 2));
        assertThat(sizes(flow.pieces())).containsExactly(2);
        assertThat(flow.ends()).isTrue();
    }

    @Test
    void updatedToxicActsOnTheNextPiece() {
        ToxicConfig slow = latency("slow", 100);
        ToxicChain chain = ToxicChain.start(List.of(slow), 0, random);

        ToxicChain faster = chain.rebuild(List.of(slow.withAttributes(Map.of("latency", 10L))), ms(1)).chain();

        assertThat(readyAtMs(faster.onData(piece(1, 5)).pieces())).containsExactly(15L);
    }

    @Test
    void removingAnActiveTimeoutClosesTheConnectionButRemovingOthersDoesNot() {
        ToxicConfig hole = toxic("hole", ToxicType.TIMEOUT, Map.of());
        ToxicChain chain = ToxicChain.start(List.of(hole, latency("late", 10)), 0, random);

        assertThat(chain.rebuild(List.of(hole), ms(1)).closesConnection()).isFalse();
        assertThat(chain.rebuild(List.of(latency("late", 10)), ms(1)).closesConnection()).isTrue();
    }

    private static ToxicConfig latency(String name, long latencyMs) {
        return toxic(name, ToxicType.LATENCY, Map.of("latency", latencyMs));
    }

    private static ToxicConfig toxic(String name, ToxicType type, Map<String, Long> attributes) {
        return ToxicConfig.of(name, type, Direction.DOWNSTREAM, 1.0, attributes);
    }
}
