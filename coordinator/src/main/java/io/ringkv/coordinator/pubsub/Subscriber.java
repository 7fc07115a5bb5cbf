package io.ringkv.coordinator.pubsub;

import io.ringkv.coordinator.resp.Reply;

/** A connection that receives published messages. */
public interface Subscriber {
    /**
     * Sends {@code message} to the client after what it already owes it, from any thread, without
     * blocking. A subscriber that has more than its output limit unsent is disconnected instead.
     *
     * @param bytes about how many bytes the message takes on the wire
     */
    void deliver(Reply message, int bytes);
}
