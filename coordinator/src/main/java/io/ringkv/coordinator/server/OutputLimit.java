package io.ringkv.coordinator.server;

/**
 * Redis's {@code client-output-buffer-limit pubsub}: a subscriber is disconnected when what it
 * has not read reaches {@code hardBytes}, or stays above {@code softBytes} for {@code softSeconds}
 * on end. Pure: the caller says how much is owed and when, per message it would queue.
 */
public record OutputLimit(long hardBytes, long softBytes, long softSeconds) {
    /** Whether a connection that owes bytes stays connected; one per connection, called on its deliveries. */
    public final class Tracker {
        /** When the debt last went above the soft limit (nanoTime), or -1 while it is under. */
        private long overSoftSince = -1;

        /** True when the connection must be cut now that it owes {@code owedBytes} at {@code nowNanos}. */
        public synchronized boolean exceeded(long owedBytes, long nowNanos) {
            if (owedBytes > hardBytes) {
                return true;
            }
            if (softBytes <= 0 || owedBytes <= softBytes) {
                overSoftSince = -1;
                return false;
            }
            if (overSoftSince < 0) {
                overSoftSince = nowNanos;
                return false;
            }
            return nowNanos - overSoftSince >= softSeconds * 1_000_000_000L;
        }
    }

    public Tracker tracker() {
        return new Tracker();
    }

    /** The limit's words for a log line: which limit, with its numbers. */
    public String describe(long owedBytes) {
        return owedBytes > hardBytes ? "over pubsub_output_limit_bytes " + hardBytes
                : "over pubsub_output_soft_limit_bytes " + softBytes + " for " + softSeconds + " s";
    }
}
