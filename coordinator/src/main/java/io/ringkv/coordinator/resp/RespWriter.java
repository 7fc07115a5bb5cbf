package io.ringkv.coordinator.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Low-level pieces of reply encoding, written without per-reply allocation on the hot path. */
final class RespWriter {
    static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESP3_NULL = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CACHED_NUMBERS = 1024;
    private static final byte[][] NUMBERS = new byte[CACHED_NUMBERS][];

    static {
        for (int i = 0; i < CACHED_NUMBERS; i++) {
            NUMBERS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private RespWriter() {
    }

    static void crlf(ByteBuf out) {
        out.writeShort(('\r' << 8) | '\n');
    }

    static void decimal(ByteBuf out, long value) {
        if (value >= 0 && value < CACHED_NUMBERS) {
            out.writeBytes(NUMBERS[(int) value]);
        } else {
            out.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
        }
    }
}
