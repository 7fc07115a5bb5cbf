package io.ringkv.chaos.toxiproxy.toxic;

import static io.ringkv.chaos.toxiproxy.toxic.Pieces.joined;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.ms;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.piece;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.readyAtMs;
import static io.ringkv.chaos.toxiproxy.toxic.Pieces.sizes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each toxic's timing and data decisions, fed explicit times: no sockets, no clock, no sleeping. */
class StagesTest {

    @Test
    void latencyDelaysEachPieceFromWhenItWasReady() {
        LatencyStage latency = new LatencyStage(100, 0, new Random(1));

        assertThat(readyAtMs(latency.onData(piece(10, 0)).pieces())).containsExactly(100L);
        assertThat(readyAtMs(latency.onData(piece(10, 5)).pieces())).as("pipelined, not queued behind the first").containsExactly(105L);
    }

    @Test
    void latencyJitterStaysWithinBoundsAndPiecesNeverOvertake() {
        LatencyStage latency = new LatencyStage(100, 30, new Random(7));
        long previousMs = 0;
        for (int i = 0; i < 1_000; i++) {
            long releaseMs = readyAtMs(latency.onData(piece(1, i)).pieces()).get(0);

            assertThat(releaseMs).isBetween(Math.max(previousMs, i + 70L), i + 130L);
            previousMs = releaseMs;
        }
    }

    @Test
    void bandwidthReleasesHundredMillisecondSlicesAtTheRate() {
        BandwidthStage bandwidth = new BandwidthStage(10); // 10 KB/s = 10 bytes per ms, 1000 bytes per slice

        Flow flow = bandwidth.onData(piece(2_500, 0));

        assertThat(sizes(flow.pieces())).containsExactly(1_000, 1_000, 500);
        assertThat(readyAtMs(flow.pieces())).containsExactly(100L, 200L, 250L);
        assertThat(joined(flow.pieces())).isEqualTo(piece(2_500, 0).data());
    }

    @Test
    void bandwidthQueuesAPieceBehindTheOneStillPaying() {
        BandwidthStage bandwidth = new BandwidthStage(10);
        bandwidth.onData(piece(500, 0)); // busy until 50 ms

        assertThat(readyAtMs(bandwidth.onData(piece(100, 20)).pieces())).containsExactly(60L);
        assertThat(readyAtMs(bandwidth.onData(piece(100, 500)).pieces())).as("idle link starts at once").containsExactly(510L);
    }

    @Test
    void bandwidthZeroMeansUnlimited() {
        assertThat(new BandwidthStage(0).onData(piece(1_000_000, 3)).pieces()).extracting(Piece::readyAtNanos).containsExactly(ms(3));
    }

    @Test
    void slicerCutsIntoSlicesNearTheAverageSpacedByTheDelay() {
        SlicerStage slicer = new SlicerStage(100, 20, 1_000, new Random(3)); // 1000 µs = 1 ms apart

        Flow flow = slicer.onData(piece(5_000, 10));

        assertThat(joined(flow.pieces())).isEqualTo(piece(5_000, 10).data());
        assertThat(sizes(flow.pieces())).allSatisfy(size -> assertThat(size).isBetween(1, 120));
        assertThat(flow.pieces()).hasSizeGreaterThan(30);
        List<Long> expectedMs = new ArrayList<>();
        for (int i = 0; i < flow.pieces().size(); i++) {
            expectedMs.add(10L + i);
        }
        assertThat(readyAtMs(flow.pieces())).isEqualTo(expectedMs);
    }

    @Test
    void slicerCutPointsCoverEveryRangeForManySeeds() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            int average = 1 + random.nextInt(50);
            int variation = random.nextInt(80);
            int size = random.nextInt(3_000);
            List<Integer> ends = new SlicerStage(average, variation, 0, random).cutPoints(size);

            assertThat(ends).as("seed %d", seed).isSorted().doesNotHaveDuplicates().last().isEqualTo(size);
            assertThat(ends).as("seed %d", seed).allSatisfy(end -> assertThat(end).isBetween(size == 0 ? 0 : 1, size));
        }
    }

    @Test
    void slicerKeepsOrderAcrossPiecesByWaitingForTheLastDelay() {
        SlicerStage slicer = new SlicerStage(10, 0, 2_000, new Random(1));

        Flow first = slicer.onData(piece(30, 0));

        assertThat(sizes(first.pieces())).as("halving, as Toxiproxy does").containsExactly(7, 8, 7, 8);
        assertThat(readyAtMs(first.pieces())).containsExactly(0L, 2L, 4L, 6L);
        assertThat(readyAtMs(slicer.onData(piece(10, 1)).pieces())).as("busy until one delay after the last slice").containsExactly(8L);
    }

    @Test
    void limitDataForwardsExactlyTheLimitAcrossPiecesThenEnds() {
        LimitDataStage limit = new LimitDataStage(250, null);

        Flow first = limit.onData(piece(200, 1));
        Flow second = limit.onData(piece(200, 2));

        assertThat(first).isEqualTo(Flow.of(first.pieces().get(0)));
        assertThat(sizes(second.pieces())).containsExactly(50);
        assertThat(second.endAtNanos()).hasValue(ms(2));
        assertThat(limit.forwardedBytes()).isEqualTo(250);
    }

    @Test
    void limitDataKeepsItsCountWhenTheToxicIsUpdated() {
        LimitDataStage before = new LimitDataStage(100, null);
        before.onData(piece(80, 0));

        LimitDataStage raised = new LimitDataStage(150, before);

        assertThat(sizes(raised.onData(piece(100, 1)).pieces())).containsExactly(70);
    }

    @Test
    void timeoutSwallowsDataAndEndsAfterItsTimeout() {
        TimeoutStage timeout = new TimeoutStage(200, ms(50));

        assertThat(timeout.onData(piece(10, 60))).isEqualTo(Flow.NOTHING);
        assertThat(timeout.deadlineNanos()).isEqualTo(ms(250));
        assertThat(timeout.onDeadline(ms(251)).endAtNanos()).hasValue(ms(251));
        assertThat(timeout.closesConnectionWhenRemoved()).isTrue();
    }

    @Test
    void timeoutZeroNeverEnds() {
        assertThat(new TimeoutStage(0, ms(50)).deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void resetPeerDropsTheFirstPieceAndEndsAfterItsTimeout() {
        ResetPeerStage reset = new ResetPeerStage(30);

        assertThat(reset.onData(piece(10, 5))).isEqualTo(new Flow(List.of(), OptionalLong.of(ms(35))));
        assertThat(reset.onEnd(ms(100)).endAtNanos()).hasValue(ms(130));
    }

    @Test
    void slowCloseDelaysOnlyTheEnd() {
        SlowCloseStage slowClose = new SlowCloseStage(300);

        assertThat(readyAtMs(slowClose.onData(piece(10, 5)).pieces())).containsExactly(5L);
        assertThat(slowClose.onEnd(ms(100)).endAtNanos()).hasValue(ms(400));
    }
}
