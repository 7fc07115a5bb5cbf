package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;

/**
 * The parsed form of {@code SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]},
 * with the expiry already made absolute so every replica expires the key at the same instant.
 */
record SetOptions(byte[] key, byte[] value, long expiresAtMs, boolean nx, boolean xx, boolean keepTtl,
                  boolean returnOld) {

    /** A SET that does not depend on the current value can skip the read. */
    boolean isBlindWrite() {
        return !nx && !xx && !keepTtl && !returnOld;
    }

    static SetOptions setnx(byte[] key, byte[] value) {
        return new SetOptions(key, value, Cell.NO_EXPIRY, true, false, false, false);
    }

    static SetOptions getset(byte[] key, byte[] value) {
        return new SetOptions(key, value, Cell.NO_EXPIRY, false, false, false, true);
    }

    static SetOptions withExpiry(byte[] key, byte[] value, byte[] amount, long unitMs, String command, long nowMs) {
        return new SetOptions(key, value, relativeExpiry(Args.parseLong(amount), unitMs, command, nowMs),
                false, false, false, false);
    }

    static SetOptions parse(RespCommand cmd, long nowMs) {
        boolean nx = false;
        boolean xx = false;
        boolean keepTtl = false;
        boolean get = false;
        ExpiryWords expiry = new ExpiryWords();
        for (int i = 3; i < cmd.argCount(); i++) {
            byte[] word = cmd.arg(i);
            boolean hasNext = i + 1 < cmd.argCount();
            if (Args.is(word, "NX") && !xx) {
                nx = true;
            } else if (Args.is(word, "XX") && !nx) {
                xx = true;
            } else if (Args.is(word, "GET")) {
                get = true;
            } else if (Args.is(word, "KEEPTTL") && !expiry.seen()) {
                keepTtl = true;
            } else if (hasNext && !keepTtl && expiry.accepts(word)) {
                expiry.take(word, cmd.arg(++i));
            } else {
                throw CommandException.syntax();
            }
        }
        return new SetOptions(cmd.arg(1), cmd.arg(2), expiry.atMs(nowMs, "set"), nx, xx, keepTtl, get);
    }

    /**
     * The expiry words of SET and GETEX as Redis parses them: one of EX, PX, EXAT and PXAT, which
     * may repeat (the last amount counts) but not mix; the amount is checked after every word is read.
     */
    static final class ExpiryWords {
        private static final java.util.List<String> WORDS = java.util.List.of("EX", "PX", "EXAT", "PXAT");
        private String word;
        private byte[] amount;

        boolean seen() {
            return word != null;
        }

        /** True for an expiry word that does not mix with one already read. */
        boolean accepts(byte[] arg) {
            String upper = Args.upper(arg);
            return WORDS.contains(upper) && (word == null || word.equals(upper));
        }

        void take(byte[] arg, byte[] amountArg) {
            word = Args.upper(arg);
            amount = amountArg;
        }

        /** True for EXAT and PXAT, whose time may already be past. */
        boolean isAbsolute() {
            return word != null && word.endsWith("AT");
        }

        /** The absolute expiry, or {@link Cell#NO_EXPIRY} when none was given. */
        long atMs(long nowMs, String command) {
            if (word == null) {
                return Cell.NO_EXPIRY;
            }
            long value = Args.parseLong(amount);
            long unitMs = word.startsWith("EX") ? 1000 : 1;
            if (!isAbsolute()) {
                return relativeExpiry(value, unitMs, command, nowMs);
            }
            if (value <= 0 || value > Long.MAX_VALUE / unitMs) {
                throw invalidExpire(command);
            }
            return value * unitMs;
        }
    }

    static long relativeExpiry(long amount, long unitMs, String command, long nowMs) {
        if (amount <= 0 || amount > (Long.MAX_VALUE - nowMs) / unitMs) {
            throw invalidExpire(command);
        }
        return nowMs + amount * unitMs;
    }

    static CommandException invalidExpire(String command) {
        return new CommandException("ERR invalid expire time in '" + command + "' command");
    }
}
