package io.ringkv.coordinator.command;

import io.ringkv.coordinator.pubsub.SubscriptionKind;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What one connection is subscribed to, by kind, in the order it subscribed. */
final class SessionSubscriptions {
    private final Map<SubscriptionKind, Set<String>> names = new EnumMap<>(SubscriptionKind.class);

    SessionSubscriptions() {
        for (SubscriptionKind kind : SubscriptionKind.values()) {
            names.put(kind, new LinkedHashSet<>());
        }
    }

    Set<String> of(SubscriptionKind kind) {
        return names.get(kind);
    }

    /**
     * The count Redis puts in a (un)subscribe confirmation: channels and patterns together, shard
     * channels on their own.
     */
    int countFor(SubscriptionKind kind) {
        return kind == SubscriptionKind.SHARD_CHANNEL ? names.get(kind).size()
                : names.get(SubscriptionKind.CHANNEL).size() + names.get(SubscriptionKind.PATTERN).size();
    }

    boolean isEmpty() {
        for (Set<String> kind : names.values()) {
            if (!kind.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
