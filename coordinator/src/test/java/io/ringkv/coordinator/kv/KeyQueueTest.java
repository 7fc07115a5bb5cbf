package io.ringkv.coordinator.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** {@link KeyQueue}: steps on one key take turns, in the order queued, whatever the one before did; other keys do not wait. */
class KeyQueueTest {
    private static byte[] key(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stepsOnOneKeyTakeTurnsAndOtherKeysDoNotWait() {
        KeyQueue queue = new KeyQueue();
        List<String> started = new ArrayList<>();
        CompletableFuture<String> firstDone = new CompletableFuture<>();
        CompletableFuture<String> first = queue.run(key("a"), () -> {
            started.add("a1");
            return firstDone;
        });
        CompletableFuture<String> second = queue.run(key("a"), () -> {
            started.add("a2");
            return CompletableFuture.completedFuture("two");
        });
        CompletableFuture<String> other = queue.run(key("b"), () -> {
            started.add("b1");
            return CompletableFuture.completedFuture("other");
        });
        assertThat(started).containsExactly("a1", "b1");
        assertThat(second).isNotDone();
        assertThat(other).isCompletedWithValue("other");
        firstDone.complete("one");
        assertThat(first).isCompletedWithValue("one");
        assertThat(second).isCompletedWithValue("two");
        assertThat(started).containsExactly("a1", "b1", "a2");
        assertThat(queue.busyKeys()).as("nothing left behind").isZero();
    }

    @Test
    void aFailedStepPassesItsFailureOnAndTheNextStepStillRuns() {
        KeyQueue queue = new KeyQueue();
        CompletableFuture<String> failed = queue.run(key("a"), () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        CompletableFuture<String> thrown = queue.run(key("a"), () -> {
            throw new IllegalArgumentException("thrown");
        });
        CompletableFuture<String> next = queue.run(key("a"), () -> CompletableFuture.completedFuture("next"));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(thrown::join).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(next).isCompletedWithValue("next");
        assertThat(queue.busyKeys()).isZero();
    }
}
