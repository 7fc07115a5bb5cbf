package io.ringkv.storage.types;

import io.ringkv.storage.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A typed key's expiry, as a multi-value register with a causal context: each write (a SET's
 * expiry, EXPIRE, PERSIST) is an entry named by its dot, and the context records, per coordinating
 * node, the newest expiry write it has seen. A write replaces what it observed; writes that did not
 * observe each other are concurrent and all kept, and the key expires at the longest of them, no
 * expiry (PERSIST) being the longest.
 *
 * <p>The context is a version vector over the coordinators, so it treats every earlier expiry write
 * through one coordinator as observed by its later ones: of two concurrent EXPIREs through the
 * same node, the later one wins. The key's last plain write (its reset, see {@code floor}) ends every
 * entry at or before it, as it ends a counter's shares.
 */
public final class ExpiryRegister {
    /** One expiry write: its dot and what it set ({@link Cell#NO_EXPIRY} for none). */
    public record Entry(Dot dot, long atMs) {
    }

    /** No expiry write yet: no entry, nothing seen. */
    public static final ExpiryRegister EMPTY = new ExpiryRegister(List.of(), new TreeMap<>());

    private final List<Entry> entries;
    private final NavigableMap<Integer, Long> context;

    private ExpiryRegister(List<Entry> entries, NavigableMap<Integer, Long> context) {
        this.entries = entries;
        this.context = context;
    }

    /** The register a plain write at {@code dot} makes: its own expiry, having observed nothing else. */
    public static ExpiryRegister of(Dot dot, long atMs) {
        NavigableMap<Integer, Long> context = new TreeMap<>();
        context.put(dot.node(), dot.hlc());
        return new ExpiryRegister(List.of(new Entry(dot, atMs)), context);
    }

    /** An EXPIRE or PERSIST at {@code dot} by a writer that read this register: it replaces every entry here. */
    public ExpiryRegister write(Dot dot, long atMs) {
        NavigableMap<Integer, Long> next = new TreeMap<>(context);
        next.merge(dot.node(), dot.hlc(), Math::max);
        return new ExpiryRegister(List.of(new Entry(dot, atMs)), next);
    }

    /** The key's expiry: the longest entry's, none if any entry has none (or there is no entry). */
    public long atMs() {
        long longest = Long.MIN_VALUE;
        for (Entry entry : entries) {
            if (entry.atMs == Cell.NO_EXPIRY) {
                return Cell.NO_EXPIRY;
            }
            longest = Math.max(longest, entry.atMs);
        }
        return entries.isEmpty() ? Cell.NO_EXPIRY : longest;
    }

    /** The newest entry's dot, or {@link Dot#ZERO}. */
    public Dot version() {
        Dot newest = Dot.ZERO;
        for (Entry entry : entries) {
            newest = Dot.max(newest, entry.dot);
        }
        return newest;
    }

    /** True when this register is exactly what {@link #of} makes for that write. */
    public boolean isOnly(Dot dot, long atMs) {
        return entries.size() == 1 && entries.get(0).equals(new Entry(dot, atMs));
    }

    private boolean covers(Dot dot) {
        Long seen = context.get(dot.node());
        return seen != null && seen >= dot.hlc();
    }

    /**
     * The join, then what the key's last plain write at {@code floor} leaves of it (null: there is
     * none): entries before the floor are gone (the write's own entry stays), and so is the context
     * they alone needed.
     */
    public ExpiryRegister merge(ExpiryRegister other, Dot floor) {
        List<Entry> kept = new ArrayList<>();
        for (Entry entry : entries) {
            if (other.entries.contains(entry) || !other.covers(entry.dot)) {
                kept.add(entry);
            }
        }
        for (Entry entry : other.entries) {
            if (!kept.contains(entry) && (entries.contains(entry) || !covers(entry.dot))) {
                kept.add(entry);
            }
        }
        NavigableMap<Integer, Long> joined = new TreeMap<>(context);
        other.context.forEach((node, hlc) -> joined.merge(node, hlc, Math::max));
        if (floor != null) {
            kept.removeIf(entry -> entry.dot.compareTo(floor) < 0);
            joined.entrySet().removeIf(seen -> new Dot(seen.getValue(), seen.getKey()).compareTo(floor) < 0);
        }
        kept.sort((a, b) -> a.dot.compareTo(b.dot));
        return new ExpiryRegister(List.copyOf(kept), joined);
    }

    /** {@code count entries (dot atMs)} then {@code count context (node hlc)}. */
    public void encode(StateBuffer.Writer out) {
        out.putVarint(entries.size());
        for (Entry entry : entries) {
            out.putDot(entry.dot).putLong(entry.atMs);
        }
        out.putVarint(context.size());
        for (Map.Entry<Integer, Long> seen : context.entrySet()) {
            out.putSignedVarint(seen.getKey()).putLong(seen.getValue());
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a register's encoding */
    public static ExpiryRegister decode(StateBuffer.Reader in) {
        int count = in.getCount(17);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(in.getDot(), in.getLong()));
        }
        int seen = in.getCount(9);
        NavigableMap<Integer, Long> context = new TreeMap<>();
        for (int i = 0; i < seen; i++) {
            long node = in.getSignedVarint();
            if (node != (int) node) {
                throw new IllegalArgumentException("bad node id " + node);
            }
            context.put((int) node, in.getLong());
        }
        return new ExpiryRegister(List.copyOf(entries), context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpiryRegister other && entries.equals(other.entries) && context.equals(other.context);
    }

    @Override
    public int hashCode() {
        return 31 * entries.hashCode() + context.hashCode();
    }

    @Override
    public String toString() {
        return "Expiry{" + entries + ", seen=" + context + "}";
    }
}
