package io.ringkv.chaos.toxiproxy.toxic;

import java.util.Locale;

/** Which way a toxic acts: upstream is client to server, downstream is server to client. */
public enum Direction {
    UPSTREAM,
    DOWNSTREAM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromWireName(String wireName) {
        for (Direction direction : values()) {
            if (direction.wireName().equals(wireName)) {
                return direction;
            }
        }
        throw ToxiproxyException.badRequest("stream was invalid, can be either upstream or downstream");
    }
}
