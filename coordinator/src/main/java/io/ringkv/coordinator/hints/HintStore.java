package io.ringkv.coordinator.hints;

import com.google.protobuf.InvalidProtocolBufferException;
import io.ringkv.coordinator.grpc.CellMessages;
import io.ringkv.storage.Cell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicLong;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Durable hints (MapDB, committed on every change): writes a replica missed, kept by the
 * coordinator with the original cell and version until the replica is back. Ordered per target
 * node by creation time, so replay goes oldest first.
 */
public final class HintStore implements AutoCloseable {
    /** A missed write for {@code targetNode}, created at {@code createdMs}. */
    public record Hint(String id, int targetNode, long createdMs, byte[] key, Cell cell) {
    }

    private final DB db;
    private final NavigableMap<String, byte[]> hints;
    private final AtomicLong sequence = new AtomicLong();

    public HintStore(Path file) {
        db = DBMaker.fileDB(file.toFile()).transactionEnable().closeOnJvmShutdown().make();
        hints = db.treeMap("hints", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    }

    public synchronized void add(int targetNode, byte[] key, Cell cell, long nowMs) {
        String id = String.format("%010d:%020d:%010d", targetNode, nowMs, sequence.incrementAndGet() % 10_000_000_000L);
        hints.put(id, CellMessages.toMessage(key, cell).toByteArray());
        db.commit();
    }

    /** The oldest hints for a node, at most {@code max}. */
    public synchronized List<Hint> oldestFor(int targetNode, int max) {
        String prefix = String.format("%010d:", targetNode);
        List<Hint> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : hints.subMap(prefix, prefix + "\uffff").entrySet()) {
            if (out.size() == max) {
                break;
            }
            try {
                var message = io.ringkv.proto.internode.Cell.parseFrom(e.getValue());
                long createdMs = Long.parseLong(e.getKey().substring(11, 31));
                out.add(new Hint(e.getKey(), targetNode, createdMs, CellMessages.key(message),
                        CellMessages.fromMessage(message)));
            } catch (InvalidProtocolBufferException corrupt) {
                hints.remove(e.getKey());
            }
        }
        return out;
    }

    public synchronized void remove(Hint hint) {
        hints.remove(hint.id());
        db.commit();
    }

    public synchronized long count() {
        return hints.size();
    }

    public synchronized long countFor(int targetNode) {
        String prefix = String.format("%010d:", targetNode);
        return hints.subMap(prefix, prefix + "\uffff").size();
    }

    @Override
    public synchronized void close() {
        if (!db.isClosed()) {
            db.close();
        }
    }
}
