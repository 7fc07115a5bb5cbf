package io.ringkv.cli.bench;

/**
 * Finds where one RESP reply ends in a byte range without decoding it: the load driver only
 * needs to count replies and recognise errors, and decoding every value would cost the client
 * the CPU that the server under test shares with it. RESP2 and RESP3 types; attributes are not
 * expected (the bench never asks for them).
 */
final class ReplyScanner {
    /** The range holds only the start of a reply; read more. */
    static final int INCOMPLETE = -1;

    private ReplyScanner() {
    }

    /**
     * The index just past the reply that starts at {@code from}, or {@link #INCOMPLETE}.
     *
     * @throws IllegalArgumentException when the bytes are not a RESP reply
     */
    static int end(byte[] bytes, int from, int limit) {
        if (from >= limit) {
            return INCOMPLETE;
        }
        int lineEnd = lineEnd(bytes, from + 1, limit);
        if (lineEnd == INCOMPLETE) {
            return INCOMPLETE;
        }
        int afterLine = lineEnd + 2;
        switch (bytes[from]) {
            case '+', '-', ':', ',', '#', '_', '(':
                return afterLine;
            case '$', '!', '=': {
                long length = number(bytes, from + 1, lineEnd);
                if (length < 0) {
                    return afterLine;
                }
                long end = afterLine + length + 2;
                return end <= limit ? (int) end : INCOMPLETE;
            }
            case '*', '~', '>', '%': {
                long count = number(bytes, from + 1, lineEnd);
                if (bytes[from] == '%') {
                    count *= 2;
                }
                int position = afterLine;
                for (long i = 0; i < count; i++) {
                    position = end(bytes, position, limit);
                    if (position == INCOMPLETE) {
                        return INCOMPLETE;
                    }
                }
                return position;
            }
            default:
                throw new IllegalArgumentException("not a RESP reply: type byte " + (bytes[from] & 0xff));
        }
    }

    /** True when the complete reply at {@code from} is an error (simple or bulk). */
    static boolean isError(byte[] bytes, int from) {
        return bytes[from] == '-' || bytes[from] == '!';
    }

    /** The error's text, for the summary line. */
    static String errorText(byte[] bytes, int from, int end) {
        int textStart = from + 1;
        if (bytes[from] == '!') {
            textStart = lineEnd(bytes, textStart, end) + 2;
        }
        int textEnd = Math.max(textStart, end - 2);
        return new String(bytes, textStart, textEnd - textStart, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int lineEnd(byte[] bytes, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return INCOMPLETE;
    }

    private static long number(byte[] bytes, int from, int to) {
        boolean negative = from < to && bytes[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not a RESP length: " + new String(bytes, from, to - from,
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
