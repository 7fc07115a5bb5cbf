package io.ringkv.coordinator.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The batcher's limits under any interleaving of requests and answered batches: no batch over
 * its count or byte limit (but for a single large request), never more batches out than allowed,
 * and every request sent exactly once, in the order it came.
 */
class PeerBatcherProperties {

    /** Request i is {@code sizes[i]} bytes; before adding it, {@code answerFirst[i]} answers the oldest batch out. */
    @Property(tries = 300)
    void batchesKeepTheirLimitsAndCarryEveryRequestOnceInOrder(
            @ForAll @IntRange(min = 1, max = 3) int maxInFlight,
            @ForAll @IntRange(min = 1, max = 6) int maxBatch,
            @ForAll @IntRange(min = 50, max = 300) int maxBatchBytes,
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 400) Integer> sizes,
            @ForAll @Size(max = 60) List<Boolean> answerFirst) {
        ArrayDeque<List<Integer>> out = new ArrayDeque<>();
        List<List<Integer>> sent = new ArrayList<>();
        int[] mostOut = {0};
        PeerBatcher<Integer> batcher = new PeerBatcher<>(maxInFlight, maxBatch, maxBatchBytes, size -> size, batch -> {
            sent.add(batch);
            out.add(batch);
            mostOut[0] = Math.max(mostOut[0], out.size());
        }, () -> null);

        for (int i = 0; i < sizes.size(); i++) {
            if (i < answerFirst.size() && answerFirst.get(i) && !out.isEmpty()) {
                out.poll();
                batcher.batchDone();
            }
            batcher.add(sizes.get(i));
        }
        for (int answered = 0; !out.isEmpty() && answered <= sizes.size(); answered++) {
            out.poll();
            batcher.batchDone();
        }

        assertThat(out).isEmpty();
        assertThat(mostOut[0]).isLessThanOrEqualTo(maxInFlight);
        assertThat(sent.stream().flatMap(List::stream).toList()).isEqualTo(sizes);
        for (List<Integer> batch : sent) {
            assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(maxBatch);
            if (batch.size() > 1) {
                assertThat(batch.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(maxBatchBytes);
            }
        }
    }
}
