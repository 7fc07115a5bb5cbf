package io.ringkv.coordinator.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parsing of command arguments with Redis's rules and error words. */
public final class Args {
    private static final int MAX_LONG_DIGITS = 20;

    private Args() {
    }

    public static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }

    public static String upper(byte[] arg) {
        return text(arg).toUpperCase(Locale.ROOT);
    }

    public static boolean is(byte[] arg, String word) {
        if (arg.length != word.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i] & 0xff;
            if (a >= 'a' && a <= 'z') {
                a -= 32;
            }
            int b = word.charAt(i);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (a != b) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 64-bit integer exactly as Redis accepts it: optional '-', digits, no '+', no spaces, no
     * leading zeros.
     *
     * @throws CommandException "value is not an integer or out of range"
     */
    public static long parseLong(byte[] arg) {
        Long value = tryParseLong(arg);
        if (value == null) {
            throw CommandException.notAnInteger();
        }
        return value;
    }

    /** As {@link #parseLong} but null instead of an error. */
    public static Long tryParseLong(byte[] arg) {
        int len = arg.length;
        if (len == 0 || len > MAX_LONG_DIGITS) {
            return null;
        }
        if (len == 1 && arg[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = arg[0] == '-';
        if (negative) {
            i = 1;
            if (len == 1) {
                return null;
            }
        }
        if (arg[i] < '1' || arg[i] > '9') {
            return null;
        }
        long magnitude = 0;
        for (; i < len; i++) {
            int d = arg[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // Accumulate negatively so Long.MIN_VALUE fits.
            if (magnitude < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            magnitude = magnitude * 10 - d;
        }
        if (!negative && magnitude == Long.MIN_VALUE) {
            return null;
        }
        return negative ? magnitude : -magnitude;
    }

    public static byte[] bytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** SPOP's, LPOP's and RPOP's optional count: a non-negative integer, else Redis's words for it. */
    static long popCount(byte[] arg) {
        Long count = tryParseLong(arg);
        if (count == null || count < 0) {
            throw new CommandException("ERR value is out of range, must be positive");
        }
        return count;
    }
}
