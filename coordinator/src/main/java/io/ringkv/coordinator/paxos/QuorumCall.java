package io.ringkv.coordinator.paxos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Sends one request to each node and completes as soon as the outcome is decided: {@code required}
 * answers were favourable, or so many were not (or failed) that they can no longer be. With
 * {@code waitOnFailure}, a failed outcome waits for every answer first, so the caller knows how
 * every node answered. The tally is a copy taken at that moment; later answers are ignored.
 */
final class QuorumCall<T> {

    /** One node's answer. */
    record Answer<T>(int node, T value) {
    }

    /** The outcome; {@code everyoneAnswered} is true when no request was still outstanding or failed. */
    record Tally<T>(boolean reached, List<Answer<T>> favourable, List<Answer<T>> unfavourable, int failed,
                    boolean everyoneAnswered) {
    }

    private final int required;
    private final int sent;
    private final Predicate<T> isFavourable;
    private final boolean waitOnFailure;
    private final List<Answer<T>> favourable = new ArrayList<>();
    private final List<Answer<T>> unfavourable = new ArrayList<>();
    private final CompletableFuture<Tally<T>> outcome = new CompletableFuture<>();
    private int failed;

    private QuorumCall(int required, int sent, Predicate<T> isFavourable, boolean waitOnFailure) {
        this.waitOnFailure = waitOnFailure;
        this.required = required;
        this.sent = sent;
        this.isFavourable = isFavourable;
    }

    static <T> CompletableFuture<Tally<T>> call(List<Integer> nodes, int required, IntFunction<CompletableFuture<T>> send,
                                                Predicate<T> isFavourable, boolean waitOnFailure) {
        QuorumCall<T> call = new QuorumCall<>(required, nodes.size(), isFavourable, waitOnFailure);
        if (nodes.size() < required) {
            call.decide();
        }
        for (int node : nodes) {
            send.apply(node).whenComplete((value, failure) -> call.answered(node, value, failure));
        }
        return call.outcome;
    }

    private void answered(int node, T value, Throwable failure) {
        synchronized (this) {
            if (outcome.isDone()) {
                return;
            }
            if (failure != null) {
                failed++;
            } else if (isFavourable.test(value)) {
                favourable.add(new Answer<>(node, value));
            } else {
                unfavourable.add(new Answer<>(node, value));
            }
            int outstanding = sent - favourable.size() - unfavourable.size() - failed;
            boolean undecided = favourable.size() < required
                    && (favourable.size() + outstanding >= required || waitOnFailure && outstanding > 0);
            if (undecided) {
                return;
            }
        }
        decide();
    }

    private void decide() {
        Tally<T> tally;
        synchronized (this) {
            int answered = favourable.size() + unfavourable.size();
            tally = new Tally<>(favourable.size() >= required, List.copyOf(favourable), List.copyOf(unfavourable), failed,
                    answered == sent);
        }
        outcome.complete(tally);
    }
}
