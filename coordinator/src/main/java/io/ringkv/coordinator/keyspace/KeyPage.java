package io.ringkv.coordinator.keyspace;

import io.ringkv.storage.Cell;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.types.ValueTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A page of the keys one replica holds in a token range, in (token, key) order, each with its
 * summary ({@link ValueTypes#summarize}: small whatever the value's size; tombstones and expired
 * values included, so the coordinator can tell replicas that disagree).
 *
 * @param entries the keys and their summaries
 * @param more    true when the range holds more after the last entry
 */
public record KeyPage(List<Map.Entry<byte[], Cell>> entries, boolean more) {

    /**
     * The page of {@code engine}'s cells with tokens in (startExclusive, endInclusive]: at least
     * {@code limit} entries unless the range ends first, and never a token split across pages (the
     * next page starts at the token after the last one here).
     */
    public static KeyPage of(StorageEngine engine, long startExclusive, long endInclusive, int limit) {
        List<Map.Entry<byte[], Cell>> entries = new ArrayList<>();
        Iterator<Map.Entry<byte[], Cell>> cells = engine.range(startExclusive, endInclusive);
        long lastToken = 0;
        while (cells.hasNext()) {
            Map.Entry<byte[], Cell> next = cells.next();
            long token = engine.tokenOf(next.getKey());
            if (entries.size() >= limit && token != lastToken) {
                return new KeyPage(entries, true);
            }
            entries.add(Map.entry(next.getKey(), ValueTypes.summarize(next.getValue())));
            lastToken = token;
        }
        return new KeyPage(entries, false);
    }
}
