package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The binary form of a cell, shared by the AOF and snapshots:
 * {@code [int payloadLength][int crc32c(payload)][payload]}, payload =
 * {@code type(1) keyLength(varint) key hlc(8) nodeId(4) flags(1) expiresAtMs(8) valueLength(varint) value},
 * flags = {@code valueType << 1 | tombstone} (records written before typed values hold value type 0,
 * a string, so they load unchanged). A Paxos state record (type 2) has {@code type(1) keyLength(varint) key promised(12) accepted(12)
 * committed(12) hasCell(1)} followed, when hasCell is 1, by the accepted cell as
 * {@code hlc(8) nodeId(4) flags(1) expiresAtMs(8) valueLength(varint) value}; a ballot is {@code hlc(8) nodeId(4)}.
 * A batch record (type 3), the writes of one transaction to this replica, has {@code type(1) count(varint)}
 * followed by each cell as {@code keyLength(varint) key cellLength(varint) hlc(8) nodeId(4) flags(1)
 * expiresAtMs(8) valueLength(varint) value}: one CRC covers all, so a crash leaves all of them or none.
 * Every length is checked against the limits before anything is allocated.
 */
final class RecordCodec {
    static final byte TYPE_CELL = 1;
    static final byte TYPE_PAXOS = 2;
    static final byte TYPE_BATCH = 3;
    static final int HEADER_BYTES = 8;
    static final int MAX_KEY_BYTES = 64 * 1024;
    static final int MAX_VALUE_BYTES = 512 * 1024 * 1024;
    /** type + 1-byte key length + hlc + node + flags + expiry + 1-byte value length. */
    static final int MIN_PAYLOAD_BYTES = 1 + 1 + 8 + 4 + 1 + 8 + 1;
    /** Room for the largest cell, or the largest Paxos state (three ballots and a flag on top of a cell). */
    static final int MAX_PAYLOAD_BYTES = MIN_PAYLOAD_BYTES + 2 * 5 + MAX_KEY_BYTES + MAX_VALUE_BYTES + 3 * 12 + 1;
    private static final byte FLAG_TOMBSTONE = 1;
    /** The flags byte's upper seven bits hold the value's type tag ({@link io.ringkv.storage.types.ValueTypes}). */
    private static final int TYPE_SHIFT = 1;

    private RecordCodec() {
    }

    static int encodedSize(byte[] key, Cell cell) {
        return HEADER_BYTES + 1 + varintSize(key.length) + key.length + cellFieldsSize(cell);
    }

    /** Writes one framed record at the buffer's position, which must have room for {@link #encodedSize}. */
    static void encode(ByteBuffer out, byte[] key, Cell cell) {
        int frameStart = out.position();
        out.position(frameStart + HEADER_BYTES);
        int payloadStart = out.position();
        out.put(TYPE_CELL);
        putVarint(out, key.length);
        out.put(key);
        putCellFields(out, cell);
        seal(out, frameStart, payloadStart);
    }

    /** hlc, node, flags, expiry, value: the part of a record after the key. */
    private static void putCellFields(ByteBuffer out, Cell cell) {
        out.putLong(cell.hlc());
        out.putInt(cell.nodeId());
        out.put((byte) (cell.isTombstone() ? FLAG_TOMBSTONE : cell.type() << TYPE_SHIFT));
        out.putLong(cell.expiresAtMs());
        byte[] value = cell.isTombstone() ? new byte[0] : cell.value();
        putVarint(out, value.length);
        out.put(value);
    }

    private static int cellFieldsSize(Cell cell) {
        int valueLength = cell.isTombstone() ? 0 : cell.value().length;
        return 8 + 4 + 1 + 8 + varintSize(valueLength) + valueLength;
    }

    static byte[] encode(byte[] key, Cell cell) {
        ByteBuffer buffer = ByteBuffer.allocate(encodedSize(key, cell));
        encode(buffer, key, cell);
        return buffer.array();
    }

    static int encodedSize(java.util.List<byte[]> keys, java.util.List<Cell> cells) {
        int size = HEADER_BYTES + 1 + varintSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int cellSize = cellFieldsSize(cells.get(i));
            size += varintSize(keys.get(i).length) + keys.get(i).length + varintSize(cellSize) + cellSize;
        }
        return size;
    }

    /** Writes one framed batch record of {@code cells} (for {@code keys}, index by index) at the buffer's position. */
    static void encode(ByteBuffer out, java.util.List<byte[]> keys, java.util.List<Cell> cells) {
        int frameStart = out.position();
        out.position(frameStart + HEADER_BYTES);
        int payloadStart = out.position();
        out.put(TYPE_BATCH);
        putVarint(out, keys.size());
        for (int i = 0; i < keys.size(); i++) {
            putVarint(out, keys.get(i).length);
            out.put(keys.get(i));
            putVarint(out, cellFieldsSize(cells.get(i)));
            putCellFields(out, cells.get(i));
        }
        seal(out, frameStart, payloadStart);
    }

    static int encodedSize(byte[] key, PaxosState state) {
        int size = HEADER_BYTES + 1 + varintSize(key.length) + key.length + 3 * 12 + 1;
        Cell cell = state.acceptedCell();
        return cell == null ? size : size + cellFieldsSize(cell);
    }

    /** Writes one framed Paxos state record at the buffer's position. */
    static void encode(ByteBuffer out, byte[] key, PaxosState state) {
        int frameStart = out.position();
        out.position(frameStart + HEADER_BYTES);
        int payloadStart = out.position();
        out.put(TYPE_PAXOS);
        putVarint(out, key.length);
        out.put(key);
        putBallot(out, state.promised());
        putBallot(out, state.accepted());
        putBallot(out, state.committed());
        Cell cell = state.acceptedCell();
        out.put(cell == null ? (byte) 0 : (byte) 1);
        if (cell != null) {
            putCellFields(out, cell);
        }
        seal(out, frameStart, payloadStart);
    }

    private static void putBallot(ByteBuffer out, Ballot ballot) {
        out.putLong(ballot.hlc());
        out.putInt(ballot.nodeId());
    }

    private static void seal(ByteBuffer out, int frameStart, int payloadStart) {
        int payloadEnd = out.position();
        CRC32C crc = new CRC32C();
        crc.update(out.array(), out.arrayOffset() + payloadStart, payloadEnd - payloadStart);
        out.putInt(frameStart, payloadEnd - payloadStart);
        out.putInt(frameStart + 4, (int) crc.getValue());
    }

    static boolean crcMatches(byte[] payload, int offset, int length, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload, offset, length);
        return (int) crc.getValue() == expectedCrc;
    }

    /**
     * A decoded payload: the key and either its cell or its Paxos state (the other is null); for a
     * batch record, only {@code batch}, its cells as decoded cell records.
     */
    record Decoded(byte[] key, Cell cell, PaxosState paxos, java.util.List<Decoded> batch) {
        Decoded(byte[] key, Cell cell) {
            this(key, cell, null, null);
        }

        Decoded(byte[] key, Cell cell, PaxosState paxos) {
            this(key, cell, paxos, null);
        }

        static Decoded batch(java.util.List<Decoded> cells) {
            return new Decoded(null, null, null, java.util.List.copyOf(cells));
        }
    }

    /**
     * Decodes a payload whose CRC already matched.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    static Decoded decodePayload(ByteBuffer payload) {
        byte type = payload.get();
        if (type != TYPE_CELL && type != TYPE_PAXOS && type != TYPE_BATCH) {
            throw new IllegalArgumentException("unknown record type " + type);
        }
        if (type == TYPE_BATCH) {
            return decodeBatch(payload);
        }
        byte[] key = decodeKey(payload);
        if (type == TYPE_PAXOS) {
            return new Decoded(key, null, decodePaxos(payload));
        }
        return new Decoded(key, decodeCell(payload));
    }

    private static byte[] decodeKey(ByteBuffer payload) {
        int keyLength = getVarint(payload);
        if (keyLength < 0 || keyLength > MAX_KEY_BYTES || keyLength > payload.remaining()) {
            throw new IllegalArgumentException("bad key length " + keyLength);
        }
        byte[] key = new byte[keyLength];
        payload.get(key);
        return key;
    }

    private static Decoded decodeBatch(ByteBuffer payload) {
        int count = getVarint(payload);
        // Each cell takes at least a key length, a cell length and the fixed cell fields.
        if (count < 1 || count > payload.remaining() / (2 + 8 + 4 + 1 + 8 + 1)) {
            throw new IllegalArgumentException("bad batch count " + count);
        }
        java.util.List<Decoded> cells = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = decodeKey(payload);
            int cellLength = getVarint(payload);
            if (cellLength < 0 || cellLength > payload.remaining()) {
                throw new IllegalArgumentException("bad batch cell length " + cellLength);
            }
            ByteBuffer cell = payload.slice(payload.position(), cellLength);
            payload.position(payload.position() + cellLength);
            cells.add(new Decoded(key, decodeCell(cell)));
        }
        if (payload.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after batch");
        }
        return Decoded.batch(cells);
    }

    private static PaxosState decodePaxos(ByteBuffer payload) {
        if (payload.remaining() < 3 * 12 + 1) {
            throw new IllegalArgumentException("paxos payload too short");
        }
        Ballot promised = new Ballot(payload.getLong(), payload.getInt());
        Ballot accepted = new Ballot(payload.getLong(), payload.getInt());
        Ballot committed = new Ballot(payload.getLong(), payload.getInt());
        byte hasCell = payload.get();
        if (hasCell != 0 && hasCell != 1 || (hasCell == 1) == accepted.isNone()) {
            throw new IllegalArgumentException("bad accepted-cell flag " + hasCell);
        }
        Cell cell = hasCell == 1 ? decodeCell(payload) : null;
        if (cell == null && payload.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after paxos state");
        }
        return new PaxosState(promised, accepted, cell, committed);
    }

    /** The cell fields after the key: hlc, node, flags, expiry, value; the value runs to the end. */
    private static Cell decodeCell(ByteBuffer payload) {
        if (payload.remaining() < 8 + 4 + 1 + 8 + 1) {
            throw new IllegalArgumentException("payload too short");
        }
        long hlc = payload.getLong();
        int nodeId = payload.getInt();
        byte flags = payload.get();
        long expiresAtMs = payload.getLong();
        int valueLength = getVarint(payload);
        if (valueLength < 0 || valueLength != payload.remaining()) {
            throw new IllegalArgumentException("bad value length " + valueLength);
        }
        if (hlc <= 0 || expiresAtMs < 0) {
            throw new IllegalArgumentException("bad version or expiry");
        }
        if ((flags & FLAG_TOMBSTONE) != 0) {
            if (flags != FLAG_TOMBSTONE) {
                throw new IllegalArgumentException("bad tombstone flags " + flags);
            }
            return Cell.tombstone(hlc, nodeId);
        }
        byte[] value = new byte[valueLength];
        payload.get(value);
        byte type = (byte) ((flags & 0xFF) >>> TYPE_SHIFT);
        // Cell.typed refuses a tag this build does not know: such a record is as unreadable as a bad CRC.
        return type == Cell.STRING ? Cell.live(hlc, nodeId, value, expiresAtMs) : Cell.typed(hlc, nodeId, type, value, expiresAtMs);
    }

    static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static void putVarint(ByteBuffer out, int value) {
        while ((value & ~0x7F) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    private static int getVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("truncated varint");
            }
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
