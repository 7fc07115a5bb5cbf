package io.ringkv.coordinator.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes client requests into {@link RespCommand}s: RESP arrays of bulk strings, as every client
 * library sends them, and inline commands (a line of words) as typed into telnet.
 *
 * <p>An explicit state machine that resumes where the last fragment ended. Every length is checked
 * against {@link RespLimits} before anything is allocated, and a bulk string's bytes are copied
 * once, when all of them have arrived. On a protocol error it throws
 * {@link RespProtocolException} (Netty delivers it wrapped in a DecoderException) and from then on
 * discards the connection's input.
 */
public final class RespDecoder extends ByteToMessageDecoder {
    /** Longest "*<n>\r\n" or "$<n>\r\n" header line: a sign, 19 digits and the prefix. */
    private static final int MAX_HEADER_LINE_BYTES = 32;
    /** Arguments array capacity allocated up front, whatever the client claims. */
    private static final int INITIAL_ARGS_CAPACITY = 16;

    private enum State { COMMAND_START, BULK_HEADER, BULK_DATA, FAILED }

    private final RespLimits limits;
    private State state = State.COMMAND_START;
    private byte[][] args;
    private int expectedArgs;
    private int decodedArgs;
    private int bulkLength;

    public RespDecoder(RespLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case COMMAND_START -> {
                    if (!in.isReadable() || !readCommandStart(in, out)) {
                        return;
                    }
                }
                case BULK_HEADER -> {
                    if (!readBulkHeader(in)) {
                        return;
                    }
                }
                case BULK_DATA -> {
                    if (!readBulkData(in, out)) {
                        return;
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Returns false when more bytes are needed. */
    private boolean readCommandStart(ByteBuf in, List<Object> out) {
        if (in.getByte(in.readerIndex()) != '*') {
            return readInline(in, out);
        }
        int lineEnd = findLineEnd(in, MAX_HEADER_LINE_BYTES, "invalid multibulk length");
        if (lineEnd < 0) {
            return false;
        }
        long count = parseLength(in, in.readerIndex() + 1, lineEnd - 1, "invalid multibulk length");
        in.readerIndex(lineEnd + 1);
        if (count <= 0) {
            return true; // "*0" and "*-1" are empty requests: Redis ignores them.
        }
        if (count > limits.maxArrayLength()) {
            throw fail("invalid multibulk length " + count + " (expected: <= " + limits.maxArrayLength() + ")");
        }
        expectedArgs = (int) count;
        decodedArgs = 0;
        args = new byte[Math.min(expectedArgs, INITIAL_ARGS_CAPACITY)][];
        state = State.BULK_HEADER;
        return true;
    }

    private boolean readBulkHeader(ByteBuf in) {
        if (!in.isReadable()) {
            return false;
        }
        byte prefix = in.getByte(in.readerIndex());
        if (prefix != '$') {
            throw fail("expected '$', got '" + printable(prefix) + "'");
        }
        int lineEnd = findLineEnd(in, MAX_HEADER_LINE_BYTES, "invalid bulk length");
        if (lineEnd < 0) {
            return false;
        }
        long length = parseLength(in, in.readerIndex() + 1, lineEnd - 1, "invalid bulk length");
        if (length < 0) {
            throw fail("invalid bulk length");
        }
        if (length > limits.maxBulkBytes()) {
            throw fail("bulk length " + length + " (expected: <= " + limits.maxBulkBytes() + ")");
        }
        in.readerIndex(lineEnd + 1);
        bulkLength = (int) length;
        state = State.BULK_DATA;
        return true;
    }

    private boolean readBulkData(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bulkLength + 2) {
            return false;
        }
        byte[] bytes = new byte[bulkLength];
        in.readBytes(bytes);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
            throw fail("bulk string not terminated by CRLF");
        }
        if (decodedArgs == args.length) {
            args = java.util.Arrays.copyOf(args, Math.min(expectedArgs, args.length * 2));
        }
        args[decodedArgs++] = bytes;
        if (decodedArgs == expectedArgs) {
            out.add(new RespCommand(args));
            args = null;
            state = State.COMMAND_START;
        } else {
            state = State.BULK_HEADER;
        }
        return true;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int lineEnd = findLineEnd(in, limits.maxInlineBytes(), "too big inline request");
        if (lineEnd < 0) {
            return false;
        }
        int start = in.readerIndex();
        int end = lineEnd > start && in.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        List<byte[]> words = new ArrayList<>();
        int i = start;
        while (i < end) {
            while (i < end && isBlank(in.getByte(i))) {
                i++;
            }
            int wordStart = i;
            while (i < end && !isBlank(in.getByte(i))) {
                i++;
            }
            if (i > wordStart) {
                byte[] word = new byte[i - wordStart];
                in.getBytes(wordStart, word);
                words.add(word);
            }
        }
        in.readerIndex(lineEnd + 1);
        if (!words.isEmpty()) {
            out.add(new RespCommand(words.toArray(byte[][]::new)));
        }
        return true;
    }

    /**
     * Index of the '\n' ending the line at the reader index, or -1 when it has not arrived yet.
     * A line longer than {@code maxBytes} is a protocol error, so a client cannot make us buffer
     * an endless header.
     */
    private int findLineEnd(ByteBuf in, int maxBytes, String tooLongError) {
        int searchable = Math.min(in.readableBytes(), maxBytes);
        int lf = in.forEachByte(in.readerIndex(), searchable, ByteProcessor.FIND_LF);
        if (lf < 0 && in.readableBytes() >= maxBytes) {
            throw fail(tooLongError);
        }
        return lf;
    }

    /** Parses the decimal between {@code from} and the CR before {@code crIndex}'s LF. */
    private long parseLength(ByteBuf in, int from, int crIndex, String error) {
        if (crIndex < from || in.getByte(crIndex) != '\r') {
            throw fail(error);
        }
        int i = from;
        boolean negative = in.getByte(i) == '-';
        if (negative) {
            i++;
        }
        if (i == crIndex || crIndex - i > 18) {
            throw fail(error);
        }
        long value = 0;
        for (; i < crIndex; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9) {
                throw fail(error);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private RespProtocolException fail(String detail) {
        state = State.FAILED;
        args = null;
        return new RespProtocolException(detail);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
    }
}
