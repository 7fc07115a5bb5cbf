package io.ringkv.coordinator.command;

import io.ringkv.coordinator.pubsub.PubSub;
import io.ringkv.coordinator.pubsub.SubscriptionKind;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keyspace notifications as Redis sends them, per {@code notify-keyspace-events} (CONFIG SET, this
 * node's setting): a command that changed a key publishes {@code __keyspace@0__:<key>} with the
 * event's name and {@code __keyevent@0__:<event>} with the key, through {@link PubSub}, so
 * subscribers on every node get them. The coordinator that ran the command publishes, once.
 */
public final class KeyspaceEvents {
    public static final int GENERIC = 1;
    public static final int STRING = 1 << 1;
    public static final int LIST = 1 << 2;
    public static final int SET = 1 << 3;
    public static final int HASH = 1 << 4;
    public static final int ZSET = 1 << 5;
    public static final int EXPIRED = 1 << 6;
    public static final int EVICTED = 1 << 7;
    public static final int STREAM = 1 << 8;
    public static final int NEW = 1 << 9;
    private static final int KEYSPACE = 1 << 10;
    private static final int KEYEVENT = 1 << 11;
    private static final String CLASS_LETTERS = "g$lshzxetn";

    private static final byte[] KEYSPACE_PREFIX = "__keyspace@0__:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEYEVENT_PREFIX = "__keyevent@0__:".getBytes(StandardCharsets.US_ASCII);

    private final RedisSettings settings;
    private final PubSub pubsub;
    private volatile String parsedText = "";
    private volatile int flags;

    KeyspaceEvents(RedisSettings settings, PubSub pubsub) {
        this.settings = settings;
        this.pubsub = pubsub;
    }

    /** Publishes {@code event} on {@code key} when the node's setting asks for its class; never waits. */
    public void notify(int eventClass, String event, byte[] key) {
        int enabled = flags();
        if ((enabled & eventClass) == 0) {
            return;
        }
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        if ((enabled & KEYSPACE) != 0) {
            pubsub.publish(SubscriptionKind.CHANNEL, concat(KEYSPACE_PREFIX, key), eventBytes);
        }
        if ((enabled & KEYEVENT) != 0) {
            pubsub.publish(SubscriptionKind.CHANNEL, concat(KEYEVENT_PREFIX, eventBytes), key);
        }
    }

    /** True when the node's setting publishes events of {@code eventClass} (worth a read to find one out). */
    public boolean wants(int eventClass) {
        int enabled = flags();
        return (enabled & eventClass) != 0 && (enabled & (KEYSPACE | KEYEVENT)) != 0;
    }

    /** Events held back until what they report is written (an EXEC's, until its batches are). */
    public static final class Deferred {
        private record Event(int eventClass, String event, byte[] key) {
        }

        private final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        void add(int eventClass, String event, byte[] key) {
            events.add(new Event(eventClass, event, key));
        }

        /** Publishes them, in the order they were reported. */
        void publishTo(KeyspaceEvents target) {
            for (Event e : events) {
                target.notify(e.eventClass(), e.event(), e.key());
            }
        }
    }

    /** The flags of the current setting, parsed again only when CONFIG SET changed it. */
    private int flags() {
        String text = settings.text("notify-keyspace-events");
        if (!text.equals(parsedText)) {
            flags = parse(text);
            parsedText = text;
        }
        return flags;
    }

    /** Redis's letters (RedisSettings has checked and normalised them); without K or E nothing is sent. */
    static int parse(String text) {
        int parsed = 0;
        for (char letter : text.toCharArray()) {
            int index = CLASS_LETTERS.indexOf(letter);
            if (index >= 0) {
                parsed |= 1 << index;
            } else if (letter == 'A') {
                parsed |= GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM;
            } else if (letter == 'K') {
                parsed |= KEYSPACE;
            } else if (letter == 'E') {
                parsed |= KEYEVENT;
            }
        }
        return (parsed & (KEYSPACE | KEYEVENT)) == 0 ? 0 : parsed;
    }

    private static byte[] concat(byte[] prefix, byte[] rest) {
        byte[] out = new byte[prefix.length + rest.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(rest, 0, out, prefix.length, rest.length);
        return out;
    }
}
