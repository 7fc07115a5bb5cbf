package io.ringkv.storage.types;

import java.util.Arrays;
import java.nio.ByteBuffer;

/** Reading and writing the fields typed states are encoded from; every length is checked before use. */
public final class StateBuffer {
    private StateBuffer() {
    }

    /** A growing output of fixed-width and varint fields. */
    public static final class Writer {
        // A plain array rather than a ByteArrayOutputStream: states are written on every counter
        // write, and the stream's synchronized methods and copies showed in INCR's cost.
        private byte[] out = new byte[64];
        private int size;

        private void write(int b) {
            if (size == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[size++] = (byte) b;
        }

        public Writer putLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (value >>> shift));
            }
            return this;
        }

        public Writer putByte(int value) {
            write(value);
            return this;
        }

        public Writer putVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            write((int) value);
            return this;
        }

        /** A zig-zag varint: small negative numbers stay small. */
        public Writer putSignedVarint(long value) {
            return putVarint((value << 1) ^ (value >> 63));
        }

        public Writer putBytes(byte[] bytes) {
            putVarint(bytes.length);
            if (size + bytes.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + bytes.length));
            }
            System.arraycopy(bytes, 0, out, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** Bytes without a length: the caller knows where they end. */
        public Writer putRaw(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
            return this;
        }

        public Writer putDot(Dot dot) {
            putLong(dot.hlc());
            return putSignedVarint(dot.node());
        }

        public byte[] toByteArray() {
            return Arrays.copyOf(out, size);
        }
    }

    /** Reads what a {@link Writer} wrote; malformed input fails with IllegalArgumentException. */
    public static final class Reader {
        private final ByteBuffer in;

        public Reader(byte[] bytes) {
            this.in = ByteBuffer.wrap(bytes);
        }

        public long getLong() {
            need(8);
            return in.getLong();
        }

        public int getByte() {
            need(1);
            return in.get() & 0xFF;
        }

        public long getVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = getByte();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        public long getSignedVarint() {
            long raw = getVarint();
            return (raw >>> 1) ^ -(raw & 1);
        }

        /** A count of items each at least {@code minBytes} long, checked against what is left. */
        public int getCount(int minBytes) {
            long count = getVarint();
            if (count < 0 || count * minBytes > in.remaining()) {
                throw new IllegalArgumentException("bad count " + count);
            }
            return (int) count;
        }

        public byte[] getBytes() {
            int length = getCount(1);
            byte[] bytes = new byte[length];
            in.get(bytes);
            return bytes;
        }

        public Dot getDot() {
            long hlc = getLong();
            long node = getSignedVarint();
            if (node != (int) node) {
                throw new IllegalArgumentException("bad node id " + node);
            }
            return new Dot(hlc, (int) node);
        }

        public boolean hasRemaining() {
            return in.hasRemaining();
        }

        public void expectEnd() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
        }

        private void need(int bytes) {
            if (in.remaining() < bytes) {
                throw new IllegalArgumentException("truncated state");
            }
        }
    }
}
