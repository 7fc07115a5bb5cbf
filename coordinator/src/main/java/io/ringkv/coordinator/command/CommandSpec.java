package io.ringkv.coordinator.command;

import io.ringkv.coordinator.metrics.CommandLatencies;
import java.util.List;

/**
 * A command's name, arity (Redis's convention: n means exactly n words including the name, -n
 * means at least n), flags for COMMAND's output, key positions, handler and latency histograms.
 * Flags the dispatcher checks on every call are resolved once here.
 */
public final class CommandSpec {
    private final String name;
    private final int arity;
    private final List<String> flags;
    private final int firstKey;
    private final int lastKey;
    private final int keyStep;
    private final CommandHandler handler;
    private final boolean write;
    private final boolean readonly;
    private final boolean allowedUnauthenticated;
    private final CommandLatencies.PerCommand latency;

    CommandSpec(String name, int arity, List<String> flags, int firstKey, int lastKey, int keyStep,
                CommandHandler handler, CommandLatencies.PerCommand latency) {
        this.name = name;
        this.arity = arity;
        this.flags = List.copyOf(flags);
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.keyStep = keyStep;
        this.handler = handler;
        this.write = flags.contains("write");
        this.readonly = flags.contains("readonly");
        this.allowedUnauthenticated = flags.contains("no-auth");
        this.latency = latency;
    }

    public String name() {
        return name;
    }

    public int arity() {
        return arity;
    }

    public List<String> flags() {
        return flags;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int keyStep() {
        return keyStep;
    }

    public CommandHandler handler() {
        return handler;
    }

    public boolean arityAccepts(int words) {
        return arity >= 0 ? words == arity : words >= -arity;
    }

    public boolean isWrite() {
        return write;
    }

    public boolean isReadonly() {
        return readonly;
    }

    /** Commands a client may send before AUTH, as in Redis. */
    public boolean allowedUnauthenticated() {
        return allowedUnauthenticated;
    }

    CommandLatencies.PerCommand latency() {
        return latency;
    }
}
