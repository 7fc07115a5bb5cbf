package io.ringkv.chaos.fault;

import io.grpc.Status;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node's fault rules applied to one message on a stream that stays open, where
 * {@link FaultClientInterceptor} sees only the stream's start. The outcomes match the
 * interceptor's for a call: refused (partition, drop) fails with UNAVAILABLE, a delay holds the
 * message back, and a delay longer than the message's time left fails it when that time is up.
 * Failures are reported from the timer's thread, never from the caller's, as gRPC would.
 */
public final class FaultGate {
    private final FaultRules rules;
    private final ScheduledExecutorService timer;

    public FaultGate(FaultRules rules, ScheduledExecutorService timer) {
        this.rules = rules;
        this.timer = timer;
    }

    /** Runs {@code send} now or after the injected delay, or gives {@code fail} the status of a lost message. */
    public void admit(int peer, long timeLeftMs, Runnable send, Consumer<Status> fail) {
        FaultRules.Verdict verdict = rules.verdict(peer);
        if (verdict.refused()) {
            Status refused = Status.UNAVAILABLE.withDescription("fault injected: " + verdict.reason());
            timer.execute(() -> fail.accept(refused));
        } else if (verdict.delayMs() >= timeLeftMs) {
            Status late = Status.DEADLINE_EXCEEDED.withDescription("fault injected: delay of " + verdict.delayMs()
                    + " ms exceeds the deadline");
            timer.schedule(() -> fail.accept(late), Math.max(0, timeLeftMs), TimeUnit.MILLISECONDS);
        } else if (verdict.delayMs() > 0) {
            timer.schedule(send, verdict.delayMs(), TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }
}
