package io.ringkv.coordinator.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.ringkv.storage.Cell;

/** Conversion between storage cells and their protobuf form, without copying value bytes. */
public final class CellMessages {
    private CellMessages() {
    }

    public static io.ringkv.proto.internode.Cell toMessage(byte[] key, Cell cell) {
        io.ringkv.proto.internode.Cell.Builder builder = io.ringkv.proto.internode.Cell.newBuilder()
                .setKey(UnsafeByteOperations.unsafeWrap(key));
        if (cell == null) {
            return builder.build();
        }
        builder.setHlc(cell.hlc()).setNodeId(cell.nodeId()).setExpiresAtMs(cell.expiresAtMs())
                .setTombstone(cell.isTombstone());
        if (!cell.isTombstone()) {
            builder.setValue(UnsafeByteOperations.unsafeWrap(cell.value())).setType(cell.type());
        }
        return builder.build();
    }

    /** The cell a message carries, or null for "no such key" (hlc 0). */
    public static Cell fromMessage(io.ringkv.proto.internode.Cell message) {
        if (message.getHlc() == 0) {
            return null;
        }
        if (message.getTombstone()) {
            return Cell.tombstone(message.getHlc(), message.getNodeId());
        }
        byte[] value = message.getValue().toByteArray();
        if (message.getType() == Cell.STRING) {
            return Cell.live(message.getHlc(), message.getNodeId(), value, message.getExpiresAtMs());
        }
        if (message.getType() < 0 || message.getType() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("unknown value type " + message.getType());
        }
        return Cell.typed(message.getHlc(), message.getNodeId(), (byte) message.getType(), value, message.getExpiresAtMs());
    }

    public static byte[] key(io.ringkv.proto.internode.Cell message) {
        return message.getKey().toByteArray();
    }

    public static ByteString wrapKey(byte[] key) {
        return UnsafeByteOperations.unsafeWrap(key);
    }

    /** A list slice request (a read's projection, a prepare's data) as it goes between nodes. */
    public static io.ringkv.proto.internode.ListSliceRequest toMessage(io.ringkv.storage.types.list.ListSlice slice) {
        return io.ringkv.proto.internode.ListSliceRequest.newBuilder().setHead(slice.head()).setCount(slice.count()).build();
    }

    public static io.ringkv.storage.types.list.ListSlice fromMessage(io.ringkv.proto.internode.ListSliceRequest message) {
        return io.ringkv.storage.types.list.ListSlice.request(message.getHead(), message.getCount());
    }
}
