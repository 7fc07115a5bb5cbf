package io.ringkv.coordinator.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A reply to a client, encodable as RESP2 or RESP3. The encodings differ only for null (RESP3
 * {@code _}) and maps (RESP3 {@code %}, RESP2 a flat array of keys and values).
 */
public sealed interface Reply {

    void encode(ByteBuf out, int protocolVersion);

    /** {@code +text}: a short status such as OK. */
    record SimpleString(byte[] encoded) implements Reply {
        public static SimpleString of(String text) {
            return new SimpleString(("+" + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeBytes(encoded);
        }
    }

    /** {@code -CODE message}: the whole error line, code word included. */
    record ErrorReply(String line) implements Reply {
        public ErrorReply {
            line = line.replace('\r', ' ').replace('\n', ' ');
        }

        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeByte('-');
            out.writeCharSequence(line, StandardCharsets.UTF_8);
            RespWriter.crlf(out);
        }
    }

    /** {@code :n}. */
    record IntegerReply(long value) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeByte(':');
            RespWriter.decimal(out, value);
            RespWriter.crlf(out);
        }
    }

    /** {@code $len} then the bytes. */
    record BulkString(byte[] bytes) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeByte('$');
            RespWriter.decimal(out, bytes.length);
            RespWriter.crlf(out);
            out.writeBytes(bytes);
            RespWriter.crlf(out);
        }
    }

    /** The null bulk string (RESP2 {@code $-1}) or, with {@code array}, the null array ({@code *-1}). */
    record NullReply(boolean array) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeBytes(protocolVersion >= 3 ? RespWriter.RESP3_NULL : array ? RespWriter.NULL_ARRAY : RespWriter.NULL_BULK);
        }
    }

    record ArrayReply(List<Reply> items) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            aggregate(out, '*', items, protocolVersion);
        }
    }

    /** Field names to replies, in the map's order. */
    record MapReply(Map<String, Reply> fields) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeByte(protocolVersion >= 3 ? '%' : '*');
            RespWriter.decimal(out, protocolVersion >= 3 ? fields.size() : fields.size() * 2L);
            RespWriter.crlf(out);
            for (Map.Entry<String, Reply> field : fields.entrySet()) {
                new BulkString(field.getKey().getBytes(StandardCharsets.UTF_8)).encode(out, protocolVersion);
                field.getValue().encode(out, protocolVersion);
            }
        }
    }

    /** A map with binary keys, as alternating key and value replies: RESP3's map, RESP2's flat array. */
    record PairsReply(List<Reply> keysAndValues) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeByte(protocolVersion >= 3 ? '%' : '*');
            RespWriter.decimal(out, protocolVersion >= 3 ? keysAndValues.size() / 2 : keysAndValues.size());
            RespWriter.crlf(out);
            for (Reply item : keysAndValues) {
                item.encode(out, protocolVersion);
            }
        }
    }

    /** An unordered collection: RESP3's set, RESP2's array (SMEMBERS). */
    record SetReply(List<Reply> items) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            aggregate(out, protocolVersion >= 3 ? '~' : '*', items, protocolVersion);
        }
    }

    /** Out-of-band data (a published message, a subscription's confirmation): RESP3's push, RESP2's array. */
    record PushReply(List<Reply> items) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            aggregate(out, protocolVersion >= 3 ? '>' : '*', items, protocolVersion);
        }
    }

    /**
     * A push delivered to many connections (a published message): encoded once per protocol
     * version and then copied into each connection's output, not encoded again per subscriber.
     */
    final class SharedPush implements Reply {
        private final PushReply push;
        private volatile byte[] resp2;
        private volatile byte[] resp3;

        public SharedPush(List<Reply> items) {
            this.push = new PushReply(items);
        }

        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            out.writeBytes(encoded(protocolVersion >= 3));
        }

        /** Two threads may both encode it the first time; they make the same bytes. */
        private byte[] encoded(boolean resp3Push) {
            byte[] bytes = resp3Push ? resp3 : resp2;
            if (bytes == null) {
                ByteBuf buffer = io.netty.buffer.Unpooled.buffer(64);
                push.encode(buffer, resp3Push ? 3 : 2);
                bytes = io.netty.buffer.ByteBufUtil.getBytes(buffer);
                if (resp3Push) {
                    resp3 = bytes;
                } else {
                    resp2 = bytes;
                }
            }
            return bytes;
        }
    }

    /**
     * Several replies to one command, back to back: SUBSCRIBE a b answers one confirmation per
     * channel. Inside EXEC's array they still count as one entry, as in Redis.
     */
    record Sequence(List<Reply> replies) implements Reply {
        @Override
        public void encode(ByteBuf out, int protocolVersion) {
            for (Reply reply : replies) {
                reply.encode(out, protocolVersion);
            }
        }
    }

    /** An aggregate of {@code items}: its type byte, its length, then each item. */
    private static void aggregate(ByteBuf out, char type, List<Reply> items, int protocolVersion) {
        out.writeByte(type);
        RespWriter.decimal(out, items.size());
        RespWriter.crlf(out);
        for (Reply item : items) {
            item.encode(out, protocolVersion);
        }
    }
}
