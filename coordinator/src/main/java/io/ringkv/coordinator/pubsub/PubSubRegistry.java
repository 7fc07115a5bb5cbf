package io.ringkv.coordinator.pubsub;

import io.ringkv.coordinator.command.Glob;
import io.ringkv.coordinator.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's subscriptions: who listens on which channel, pattern and shard channel, and the
 * delivery of a message published here or received from a peer to every local subscriber it
 * concerns. Names are binary-safe strings (one char per byte, ISO-8859-1), so glob patterns match
 * byte by byte as Redis's do. Thread-safe; subscribers are told messages in the order each
 * publishing thread hands them over.
 */
public final class PubSubRegistry {
    private final Map<SubscriptionKind, ConcurrentHashMap<String, Set<Subscriber>>> byKind = Map.of(
            SubscriptionKind.CHANNEL, new ConcurrentHashMap<>(),
            SubscriptionKind.PATTERN, new ConcurrentHashMap<>(),
            SubscriptionKind.SHARD_CHANNEL, new ConcurrentHashMap<>());

    /** The string form of a channel or pattern name. */
    public static String name(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    public static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.ISO_8859_1);
    }

    public void subscribe(SubscriptionKind kind, String name, Subscriber subscriber) {
        byKind.get(kind).compute(name, (n, subscribers) -> {
            Set<Subscriber> set = subscribers != null ? subscribers : ConcurrentHashMap.newKeySet();
            set.add(subscriber);
            return set;
        });
    }

    public void unsubscribe(SubscriptionKind kind, String name, Subscriber subscriber) {
        byKind.get(kind).computeIfPresent(name, (n, subscribers) -> {
            subscribers.remove(subscriber);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    /**
     * Delivers a PUBLISH to the channel's subscribers, then to those of every matching pattern (in
     * that order, as Redis does); answers how many deliveries that made.
     */
    public int publish(byte[] channel, byte[] message) {
        String name = name(channel);
        int bytes = channel.length + message.length + 48;
        int delivered = deliver(SubscriptionKind.CHANNEL, name, List.of(word(SubscriptionKind.CHANNEL.messageWord()), bulk(channel), bulk(message)), bytes);
        for (Map.Entry<String, Set<Subscriber>> pattern : byKind.get(SubscriptionKind.PATTERN).entrySet()) {
            if (Glob.matches(pattern.getKey(), name)) {
                Reply push = new Reply.SharedPush(List.of(word(SubscriptionKind.PATTERN.messageWord()), bulk(bytes(pattern.getKey())), bulk(channel), bulk(message)));
                for (Subscriber subscriber : pattern.getValue()) {
                    subscriber.deliver(push, bytes + pattern.getKey().length());
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** PUBLISH for {@link SubscriptionKind#CHANNEL}, SPUBLISH for {@link SubscriptionKind#SHARD_CHANNEL}. */
    public int publish(SubscriptionKind kind, byte[] channel, byte[] message) {
        return kind == SubscriptionKind.SHARD_CHANNEL ? publishSharded(channel, message) : publish(channel, message);
    }

    /** Delivers an SPUBLISH to the shard channel's subscribers; answers how many. */
    public int publishSharded(byte[] channel, byte[] message) {
        return deliver(SubscriptionKind.SHARD_CHANNEL, name(channel),
                List.of(word(SubscriptionKind.SHARD_CHANNEL.messageWord()), bulk(channel), bulk(message)), channel.length + message.length + 48);
    }

    private int deliver(SubscriptionKind kind, String name, List<Reply> items, int bytes) {
        Set<Subscriber> subscribers = byKind.get(kind).get(name);
        if (subscribers == null) {
            return 0;
        }
        Reply push = new Reply.SharedPush(items);
        int delivered = 0;
        for (Subscriber subscriber : subscribers) {
            subscriber.deliver(push, bytes);
            delivered++;
        }
        return delivered;
    }

    /** Channels (or shard channels) with a subscriber here whose names match {@code pattern} (null: all). */
    public List<String> active(SubscriptionKind kind, String pattern) {
        List<String> names = new ArrayList<>();
        for (String name : byKind.get(kind).keySet()) {
            if (pattern == null || Glob.matches(pattern, name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** How many subscribers here listen on this channel, shard channel or pattern. */
    public int subscribers(SubscriptionKind kind, String name) {
        Set<Subscriber> subscribers = byKind.get(kind).get(name);
        return subscribers == null ? 0 : subscribers.size();
    }

    /** How many distinct patterns have a subscriber here. */
    public int patterns() {
        return byKind.get(SubscriptionKind.PATTERN).size();
    }

    private static Reply word(String text) {
        return new Reply.BulkString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Reply bulk(byte[] bytes) {
        return new Reply.BulkString(bytes);
    }
}
