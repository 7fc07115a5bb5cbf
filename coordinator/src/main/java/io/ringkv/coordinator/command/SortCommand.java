package io.ringkv.coordinator.command;

import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.resp.Reply;
import io.ringkv.coordinator.resp.RespCommand;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Dot;
import io.ringkv.storage.types.ValueRefusedException;
import io.ringkv.storage.types.hash.HashEdits;
import io.ringkv.storage.types.hash.HashState;
import io.ringkv.storage.types.hash.HashType;
import io.ringkv.storage.types.list.ListEdits;
import io.ringkv.storage.types.list.ListType;
import io.ringkv.storage.types.list.ListView;
import io.ringkv.storage.types.set.SetType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * SORT and SORT_RO key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
 * [STORE destination], on sets and lists. BY and GET patterns name other keys ({@code user_*} with
 * the element in place of {@code *}, {@code ->field} for a hash field): each is read at the read
 * level through whichever nodes hold it, so a sort costs a read per element and pattern. STORE
 * replaces the destination with a list of the result in one write at the write level (an empty
 * result deletes it), as SUNIONSTORE does with a set.
 */
final class SortCommand {
    private final KeyValueService kv;
    private final ValueLimits limits;

    SortCommand(KeyValueService kv, ValueLimits limits) {
        this.kv = kv;
        this.limits = limits;
    }

    void register(CommandTable table) {
        table.add("SORT", -2, List.of("write", "denyoom"), 1, 1, 1, (c, cmd) -> sort(c, cmd, false));
        table.add("SORT_RO", -2, List.of("readonly"), 1, 1, 1, (c, cmd) -> sort(c, cmd, true));
    }

    private record Options(String by, boolean dontSort, long offset, long count, List<String> gets, boolean desc, boolean alpha,
                           byte[] store) {
    }

    private record Element(byte[] value, byte[] weight, double score) {
    }

    private CompletionStage<Reply> sort(CommandContext c, RespCommand cmd, boolean readOnly) {
        byte[] key = limits.checkKey(cmd.arg(1));
        Options options = parse(cmd, readOnly);
        return kv.read(key, c.readLevel()).thenCompose(cell -> {
            List<byte[]> elements = elementsOf(cell);
            if (options.dontSort() && options.store() != null && cell != null && cell.type() == SetType.TAG) {
                // As Redis: a set stored unsorted is stored in byte order, so the result is the same everywhere.
                elements.sort(Arrays::compareUnsigned);
            }
            return weights(c, elements, options).thenCompose(weighted -> {
                List<Element> sorted = order(weighted, options);
                int from = (int) Math.min(Math.max(options.offset(), 0), sorted.size());
                int to = options.count() < 0 ? sorted.size() : (int) Math.min(sorted.size(), from + options.count());
                return results(c, sorted.subList(from, to), options);
            }).thenCompose(results -> options.store() == null
                    ? CompletableFuture.completedFuture(Replies.array(results.stream().map(Replies::bulkOrNil).toList()))
                    : store(c, options.store(), results));
        });
    }

    /** A list's elements in list order, or a set's members; WRONGTYPE for anything else. */
    private List<byte[]> elementsOf(Cell cell) {
        List<byte[]> elements = new ArrayList<>();
        if (cell != null && cell.isLiveAt(kv.nowMs()) && cell.type() == ListType.TAG) {
            ListView list = ListView.of(cell, kv.nowMs());
            for (int i = 0; i < list.size(); i++) {
                elements.add(list.get(i).value());
            }
            return elements;
        }
        HashState set = HashEdits.visible(cell, kv.nowMs(), SetType.TAG);
        if (set != null) {
            set.forEachLive((member, empty) -> elements.add(member));
        }
        return elements;
    }

    /** STORE: the destination becomes a list of the results (a missing GET value as an empty string), or goes when there are none. */
    private CompletableFuture<Reply> store(CommandContext c, byte[] destination, List<byte[]> results) {
        Dot replaced = new Dot(kv.newVersion(), kv.nodeId());
        Cell value;
        if (results.isEmpty()) {
            value = Cell.tombstone(replaced.hlc(), replaced.node());
        } else {
            List<byte[]> values = results.stream().map(r -> r == null ? new byte[0] : r).toList();
            List<byte[]> pairs = ListEdits.positioned(values, kv::newVersion, kv.nodeId(), false);
            value = HashEdits.replacing(pairs, replaced, new Dot(kv.newVersion(), kv.nodeId()), ListType.TAG);
        }
        return StoredValues.store(c, kv, destination, value, results.size(), KeyspaceEvents.LIST, "sortstore");
    }

    private static Options parse(RespCommand cmd, boolean readOnly) {
        String by = null;
        boolean dontSort = false;
        long offset = 0;
        long count = -1;
        List<String> gets = new ArrayList<>();
        boolean desc = false;
        boolean alpha = false;
        byte[] store = null;
        for (int i = 2; i < cmd.argCount(); i++) {
            int left = cmd.argCount() - i - 1;
            byte[] word = cmd.arg(i);
            if (Args.is(word, "ASC")) {
                desc = false;
            } else if (Args.is(word, "DESC")) {
                desc = true;
            } else if (Args.is(word, "ALPHA")) {
                alpha = true;
            } else if (Args.is(word, "LIMIT") && left >= 2) {
                offset = Args.parseLong(cmd.arg(++i));
                count = Args.parseLong(cmd.arg(++i));
            } else if (Args.is(word, "STORE") && left >= 1 && !readOnly) {
                store = cmd.arg(++i);
            } else if (Args.is(word, "BY") && left >= 1) {
                by = Args.text(cmd.arg(++i));
                // A pattern without * names one key for every element: nothing to sort by, as in Redis.
                dontSort = !by.contains("*");
            } else if (Args.is(word, "GET") && left >= 1) {
                gets.add(Args.text(cmd.arg(++i)));
            } else {
                throw CommandException.syntax();
            }
        }
        return new Options(dontSort ? null : by, dontSort, offset, count, gets, desc, alpha, store);
    }

    /** Each element with what it sorts by: itself, or the value its BY pattern names. */
    private CompletableFuture<List<Element>> weights(CommandContext c, List<byte[]> elements, Options options) {
        List<CompletableFuture<byte[]>> lookups = new ArrayList<>();
        for (byte[] element : elements) {
            lookups.add(options.by() == null || options.dontSort() ? CompletableFuture.completedFuture(element)
                    : lookup(c, options.by(), element));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Element> weighted = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                byte[] weight = lookups.get(i).join();
                double score = 0;
                if (!options.alpha() && !options.dontSort() && weight != null) {
                    score = score(weight);
                }
                weighted.add(new Element(elements.get(i), weight, score));
            }
            return weighted;
        });
    }

    /** What C's strtod reads whole (Redis's test): decimal or exponent forms, inf and infinity; not nan. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "\\s*[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|(?i:inf|infinity))");

    private static double score(byte[] weight) {
        String text = new String(weight, StandardCharsets.ISO_8859_1);
        if (!NUMBER.matcher(text).matches()) {
            throw new CommandException("ERR One or more scores can't be converted into double");
        }
        String number = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (number.endsWith("inf") || number.endsWith("infinity")) {
            return number.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(number);
    }

    private static List<Element> order(List<Element> elements, Options options) {
        List<Element> sorted = new ArrayList<>(elements);
        if (options.dontSort()) {
            return sorted;
        }
        Comparator<Element> byWeight = options.alpha()
                ? Comparator.comparing(Element::weight, Comparator.nullsFirst(Arrays::compareUnsigned))
                : Comparator.comparingDouble(Element::score);
        // Ties are broken by the element itself, as Redis does, so the order is always the same.
        Comparator<Element> order = byWeight.thenComparing(Element::value, Arrays::compareUnsigned);
        sorted.sort(options.desc() ? order.reversed() : order);
        return sorted;
    }

    /** What the sort answers (or stores): the elements, or for each the values its GET patterns name (null: none). */
    private CompletableFuture<List<byte[]>> results(CommandContext c, List<Element> elements, Options options) {
        if (options.gets().isEmpty()) {
            return CompletableFuture.completedFuture(elements.stream().map(Element::value).toList());
        }
        List<CompletableFuture<byte[]>> values = new ArrayList<>();
        for (Element element : elements) {
            for (String pattern : options.gets()) {
                values.add(pattern.equals("#") ? CompletableFuture.completedFuture(element.value())
                        : lookup(c, pattern, element.value()));
            }
        }
        return CompletableFuture.allOf(values.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<byte[]> out = new ArrayList<>(values.size());
            values.forEach(value -> out.add(value.join()));
            return out;
        });
    }

    /**
     * What a BY or GET pattern names for an element: the string at the key with the first * replaced
     * by the element, or with {@code ->field}, that field of the hash there; null when there is none
     * (or it is of another type), as Redis answers.
     */
    private CompletableFuture<byte[]> lookup(CommandContext c, String pattern, byte[] element) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return CompletableFuture.completedFuture(null);
        }
        int arrow = pattern.indexOf("->", star);
        String keyPattern = arrow < 0 ? pattern : pattern.substring(0, arrow);
        String field = arrow < 0 ? null : pattern.substring(arrow + 2);
        byte[] prefix = keyPattern.substring(0, star).getBytes(StandardCharsets.UTF_8);
        byte[] suffix = keyPattern.substring(star + 1).getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[prefix.length + element.length + suffix.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(element, 0, key, prefix.length, element.length);
        System.arraycopy(suffix, 0, key, prefix.length + element.length, suffix.length);
        if (field == null || field.isEmpty()) {
            return kv.read(key, c.readLevel()).thenApply(cell -> StoredValues.stringOrNull(cell, kv.nowMs()));
        }
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        return kv.read(key, c.readLevel(), List.of(name)).thenApply(cell -> {
            try {
                HashState hash = HashEdits.visible(cell, kv.nowMs(), HashType.TAG);
                return hash == null ? null : hash.get(name);
            } catch (ValueRefusedException wrongType) {
                return null;
            }
        });
    }
}
