package io.ringkv.coordinator.command;

import io.ringkv.coordinator.resp.Reply;
import io.ringkv.storage.types.hash.HashState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;

/** HRANDFIELD's samples and HSCAN's pages of a hash (null: no key). */
final class HashSampling {
    private HashSampling() {
    }

    private record Entry(byte[] name, byte[] value) {
        long order() {
            return Integer.toUnsignedLong(Arrays.hashCode(name));
        }
    }

    private static List<Entry> entries(HashState hash) {
        List<Entry> all = new ArrayList<>(hash == null ? 0 : hash.size());
        if (hash != null) {
            hash.forEachLive((name, value) -> all.add(new Entry(name, value)));
        }
        return all;
    }

    /**
     * Picking at random costs about {@link HashState#triesPerPick} bucket lookups per field; listing
     * the hash costs a visit per recorded field. Sampling is chosen while its expected cost, with
     * this margin, is below the listing's: on a large hash, not on a small one (mostly empty
     * buckets) nor on one that is mostly removed fields awaiting purge.
     */
    private static final int MARGIN = 8;

    /** Tries for one pick: failing them is as unlikely as e^-MARGIN; the caller then lists the hash. */
    private static int triesFor(HashState hash, long picks) {
        double perPick = hash.triesPerPick();
        return perPick * MARGIN * picks < hash.fieldCount() ? (int) Math.ceil(perPick * MARGIN) : 0;
    }

    /** One live field at random, or null for no hash. */
    private static Entry any(HashState hash, ThreadLocalRandom random) {
        if (hash == null || hash.size() == 0) {
            return null;
        }
        int tries = triesFor(hash, 1);
        if (tries > 0) {
            Entry[] picked = new Entry[1];
            if (hash.randomLive(random, tries, (name, value) -> picked[0] = new Entry(name, value))) {
                return picked[0];
            }
        }
        List<Entry> all = entries(hash);
        return all.get(random.nextInt(all.size()));
    }

    /** Up to {@code count} different live fields at random. */
    private static List<Entry> distinct(HashState hash, long count, ThreadLocalRandom random) {
        if (hash == null || count == 0 || hash.size() == 0) {
            return List.of();
        }
        // Twice the picks: near the end, repeats of fields already picked are discarded.
        int tries = count * 2 < hash.size() ? triesFor(hash, count * 2) : 0;
        if (tries > 0) {
            Map<ByteBuffer, Entry> picked = new LinkedHashMap<>();
            for (long attempt = 0; picked.size() < count && attempt < count * 2 + MARGIN; attempt++) {
                hash.randomLive(random, tries, (name, value) -> picked.putIfAbsent(ByteBuffer.wrap(name), new Entry(name, value)));
            }
            if (picked.size() == count) {
                return new ArrayList<>(picked.values());
            }
        }
        List<Entry> all = entries(hash);
        int wanted = (int) Math.min(count, all.size());
        // The first `wanted` steps of a Fisher-Yates shuffle.
        for (int i = 0; i < wanted; i++) {
            Collections.swap(all, i, i + random.nextInt(all.size() - i));
        }
        return all.subList(0, wanted);
    }

    /**
     * HRANDFIELD's and SRANDMEMBER's answer: one name (or nil) without a count; with one, that many
     * different fields, or with a negative count that many draws that may repeat. Costs what it
     * picks on a large hash.
     */
    static Reply randomFields(HashState hash, Long count, boolean withValues, int protocol) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (count == null) {
            Entry one = any(hash, random);
            return one == null ? Replies.nil() : Replies.bulk(one.name);
        }
        List<Entry> picked = new ArrayList<>();
        if (count >= 0) {
            picked.addAll(distinct(hash, count, random));
        } else if (hash != null && hash.size() > 0) {
            for (long i = 0; i < -count; i++) {
                picked.add(any(hash, random));
            }
        }
        List<Reply> items = new ArrayList<>();
        for (Entry entry : picked) {
            if (!withValues) {
                items.add(Replies.bulk(entry.name));
            } else if (protocol >= 3) {
                items.add(Replies.array(List.of(Replies.bulk(entry.name), Replies.bulk(entry.value))));
            } else {
                items.add(Replies.bulk(entry.name));
                items.add(Replies.bulk(entry.value));
            }
        }
        return Replies.array(items);
    }

    /** HSCAN's and SSCAN's arguments after the key: {@code cursor [MATCH pattern] [COUNT count]} (and for HSCAN [NOVALUES]). */
    record ScanRequest(long cursor, String pattern, long count, boolean noValues) {
        static ScanRequest parse(io.ringkv.coordinator.resp.RespCommand cmd, boolean allowNoValues) {
            long cursor = parseCursor(cmd.arg(2));
            String pattern = null;
            long count = 10;
            boolean noValues = false;
            for (int i = 3; i < cmd.argCount(); i++) {
                if (Args.is(cmd.arg(i), "MATCH") && i + 1 < cmd.argCount()) {
                    pattern = Args.text(cmd.arg(++i));
                } else if (Args.is(cmd.arg(i), "COUNT") && i + 1 < cmd.argCount()) {
                    count = Args.parseLong(cmd.arg(++i));
                    if (count < 1) {
                        throw new CommandException("ERR syntax error");
                    }
                } else if (allowNoValues && Args.is(cmd.arg(i), "NOVALUES")) {
                    noValues = true;
                } else {
                    throw new CommandException("ERR syntax error");
                }
            }
            return new ScanRequest(cursor, pattern, count, noValues);
        }
    }

    /** Up to {@code count} live names of the hash (a set's members), chosen at random without repeats (SPOP). */
    static List<byte[]> sampleNames(HashState hash, long count) {
        List<byte[]> names = new ArrayList<>();
        for (Entry entry : distinct(hash, count, ThreadLocalRandom.current())) {
            names.add(entry.name);
        }
        return names;
    }

    /** An unsigned 64-bit decimal, as Redis's SCAN cursors. */
    static long parseCursor(byte[] arg) {
        String text = new String(arg, StandardCharsets.US_ASCII);
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new CommandException("ERR invalid cursor");
        }
    }

    /**
     * One HSCAN page. Fields are visited in the order of their name's 32-bit hash; the cursor is the
     * hash to resume from, so a field present for the whole scan is returned at least once however
     * the hash changes meanwhile (fields sharing a hash are returned together, so a page may hold
     * more than {@code count}). Costs a pass over the hash per page.
     */
    static Reply scan(HashState hash, long cursor, String pattern, long count, boolean noValues) {
        List<Entry> remaining = new ArrayList<>();
        for (Entry entry : entries(hash)) {
            if (entry.order() >= cursor) {
                remaining.add(entry);
            }
        }
        long last = Long.MAX_VALUE;
        if (remaining.size() > count) {
            // The count-th smallest order among the rest: this page ends there.
            PriorityQueue<Long> smallest = new PriorityQueue<>(Collections.reverseOrder());
            for (Entry entry : remaining) {
                smallest.add(entry.order());
                if (smallest.size() > count) {
                    smallest.poll();
                }
            }
            last = smallest.peek();
        }
        List<Reply> items = new ArrayList<>();
        boolean more = false;
        for (Entry entry : remaining) {
            if (entry.order() > last) {
                more = true;
                continue;
            }
            if (pattern == null || Glob.matches(pattern, new String(entry.name, StandardCharsets.UTF_8))) {
                items.add(Replies.bulk(entry.name));
                if (!noValues) {
                    items.add(Replies.bulk(entry.value));
                }
            }
        }
        String next = more ? Long.toString(last + 1) : "0";
        return Replies.array(List.of(Replies.bulk(next), Replies.array(items)));
    }
}
