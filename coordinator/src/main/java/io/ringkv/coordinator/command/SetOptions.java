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
        boolean expirySeen = false;
        long expiresAt = Cell.NO_EXPIRY;
        for (int i = 3; i < cmd.argCount(); i++) {
            byte[] word = cmd.arg(i);
            boolean hasNext = i + 1 < cmd.argCount();
            if (Args.is(word, "NX") && !xx) {
                nx = true;
            } else if (Args.is(word, "XX") && !nx) {
                xx = true;
            } else if (Args.is(word, "GET")) {
                get = true;
            } else if (Args.is(word, "KEEPTTL") && !expirySeen) {
                keepTtl = true;
            } else if (hasNext && !keepTtl && !expirySeen && isExpiryWord(word)) {
                expirySeen = true;
                expiresAt = expiry(word, cmd.arg(++i), nowMs);
            } else {
                throw CommandException.syntax();
            }
        }
        return new SetOptions(cmd.arg(1), cmd.arg(2), expiresAt, nx, xx, keepTtl, get);
    }

    private static boolean isExpiryWord(byte[] word) {
        return Args.is(word, "EX") || Args.is(word, "PX") || Args.is(word, "EXAT") || Args.is(word, "PXAT");
    }

    private static long expiry(byte[] word, byte[] amountArg, long nowMs) {
        long amount = Args.parseLong(amountArg);
        if (Args.is(word, "EX")) {
            return relativeExpiry(amount, 1000, "set", nowMs);
        }
        if (Args.is(word, "PX")) {
            return relativeExpiry(amount, 1, "set", nowMs);
        }
        long unitMs = Args.is(word, "EXAT") ? 1000 : 1;
        if (amount <= 0 || amount > Long.MAX_VALUE / unitMs) {
            throw invalidExpire("set");
        }
        return amount * unitMs;
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
