package io.ringkv.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads framed records from a file, from a start offset, and classifies how a file ends: cleanly,
 * with a torn last record (a crash while appending), or with corruption before its end. Reads in
 * large blocks; never allocates a length it has not checked.
 */
final class RecordReader implements AutoCloseable {
    private static final int BLOCK_BYTES = 1 << 20;

    enum Outcome { RECORD, END, TORN, CORRUPT }

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;
    private ByteBuffer buffer = ByteBuffer.allocate(BLOCK_BYTES);
    private long bufferFileOffset;
    private long recordOffset;
    private RecordCodec.Decoded decoded;
    private String problem;

    RecordReader(Path path, long startOffset) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.fileSize = channel.size();
        this.bufferFileOffset = startOffset;
        this.recordOffset = startOffset;
        buffer.limit(0);
    }

    Path path() {
        return path;
    }

    /** Offset of the next record to read; after TORN or CORRUPT, of the bad record. */
    long recordOffset() {
        return recordOffset;
    }

    RecordCodec.Decoded decoded() {
        return decoded;
    }

    String problem() {
        return problem;
    }

    Outcome next() throws IOException {
        long remainingInFile = fileSize - recordOffset;
        if (remainingInFile == 0) {
            return Outcome.END;
        }
        if (remainingInFile < RecordCodec.HEADER_BYTES) {
            return tornOrCorrupt("incomplete record header", true);
        }
        fill(RecordCodec.HEADER_BYTES);
        int length = buffer.getInt(buffer.position());
        int crc = buffer.getInt(buffer.position() + 4);
        if (length == 0 && crc == 0 && onlyZerosRemain()) {
            return torn("zero-filled tail");
        }
        if (length < RecordCodec.MIN_PAYLOAD_BYTES || length > RecordCodec.MAX_PAYLOAD_BYTES) {
            return tornOrCorrupt("bad record length " + length, false);
        }
        long frameEnd = recordOffset + RecordCodec.HEADER_BYTES + length;
        if (frameEnd > fileSize) {
            return torn("record extends past the end of the file");
        }
        fill(RecordCodec.HEADER_BYTES + length);
        int payloadStart = buffer.position() + RecordCodec.HEADER_BYTES;
        if (!RecordCodec.crcMatches(buffer.array(), payloadStart, length, crc)) {
            return tornOrCorrupt("bad CRC", frameEnd == fileSize);
        }
        try {
            decoded = RecordCodec.decodePayload(ByteBuffer.wrap(buffer.array(), payloadStart, length).slice());
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return corrupt(e.getMessage());
        }
        recordOffset = frameEnd;
        return Outcome.RECORD;
    }

    /** Makes {@code bytes} bytes from the current record's start available in the buffer. */
    private void fill(int bytes) throws IOException {
        int offsetInBuffer = (int) (recordOffset - bufferFileOffset);
        buffer.position(offsetInBuffer);
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (buffer.capacity() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(bytes, buffer.capacity() * 2));
            bigger.put(buffer);
            buffer = bigger;
        } else {
            buffer.compact();
        }
        bufferFileOffset = recordOffset;
        while (buffer.position() < bytes) {
            int n = channel.read(buffer, bufferFileOffset + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at " + (bufferFileOffset + buffer.position()));
            }
        }
        buffer.flip();
    }

    private boolean onlyZerosRemain() throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long position = recordOffset;
        while (position < fileSize) {
            block.clear();
            int n = channel.read(block, position);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (block.get(i) != 0) {
                    return false;
                }
            }
            position += n;
        }
        return true;
    }

    private Outcome tornOrCorrupt(String reason, boolean atEnd) throws IOException {
        if (atEnd || onlyZerosRemain()) {
            return torn(reason);
        }
        return corrupt(reason);
    }

    private Outcome torn(String reason) {
        problem = reason;
        return Outcome.TORN;
    }

    private Outcome corrupt(String reason) {
        problem = reason;
        return Outcome.CORRUPT;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
