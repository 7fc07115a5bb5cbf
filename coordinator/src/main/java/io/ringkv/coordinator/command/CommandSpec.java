package io.ringkv.coordinator.command;

import java.util.List;

/**
 * A command's name, arity (Redis's convention: n means exactly n words including the name,
 * -n means at least n), flags for COMMAND's output, key positions, and handler.
 */
public record CommandSpec(String name, int arity, List<String> flags, int firstKey, int lastKey, int keyStep,
                          CommandHandler handler) {

    public boolean arityAccepts(int words) {
        return arity >= 0 ? words == arity : words >= -arity;
    }

    public boolean isWrite() {
        return flags.contains("write");
    }

    /** Commands a client may send before AUTH, as in Redis. */
    public boolean allowedUnauthenticated() {
        return flags.contains("no-auth");
    }
}
