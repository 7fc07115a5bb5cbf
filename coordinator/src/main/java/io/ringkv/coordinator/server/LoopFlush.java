package io.ringkv.coordinator.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Runs an action once per event-loop iteration in which any connection asked for it: a task
 * queued on the loop runs after the iteration's reads, so the node writes the AOF records of all
 * connections served in that iteration with one call, as Redis does before it replies.
 */
final class LoopFlush {
    private final Runnable action;
    private final FastThreadLocal<boolean[]> scheduled = new FastThreadLocal<>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    LoopFlush(Runnable action) {
        this.action = action;
    }

    /** Must be called on {@code loop}'s own thread. */
    void request(EventExecutor loop) {
        boolean[] flag = scheduled.get();
        if (flag[0]) {
            return;
        }
        flag[0] = true;
        loop.execute(() -> {
            flag[0] = false;
            action.run();
        });
    }
}
