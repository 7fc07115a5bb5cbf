package io.ringkv.coordinator.keyspace;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.ConsistencyException;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.storage.Cell;
import io.ringkv.storage.types.Summary;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * SCAN, KEYS and DBSIZE over the whole cluster: walks the token space in order, segment by segment
 * (a segment is a stretch of the ring with one replica set), asking the replicas the read level
 * needs for pages of their keys with each key's summary. A key every replica asked holds with the
 * same summary is decided from it; any other key is read through the normal path at the level,
 * which also repairs it. So a key that exists for a whole iteration is returned (at least once,
 * and here exactly once), and a key deleted everywhere is not.
 *
 * <p>A cursor is the unsigned position of the next token to visit, plus one (0 starts and ends),
 * so it is a plain number clients pass back unchanged, valid on any node.
 */
public final class KeyspaceScanner {
    /** Keys fetched per replica per page when a whole walk is wanted (KEYS, DBSIZE). */
    private static final int WALK_PAGE = 1_000;

    /**
     * The fewest keys a SCAN call fetches per replica, whatever its COUNT (a hint, in Redis too):
     * a call costs a round trip to each replica, so a page of 10 would spend it on almost nothing.
     */
    private static final int MIN_SCAN_PAGE = 100;

    /** The keys of one SCAN call and the cursor to continue from (0: done). */
    public record Page(List<byte[]> keys, long cursor) {
    }

    private final Supplier<List<Segment>> segments;
    private final Function<List<Integer>, List<Integer>> alive;
    private final KeyPages pages;
    private final KeyValueService kv;
    private final ToLongFunction<byte[]> tokenOf;

    /**
     * @param segments the token space's segments in order, as the ring now stands
     * @param alive    the replicas of a segment that are up, this node first when it is one
     */
    KeyspaceScanner(Supplier<List<Segment>> segments, Function<List<Integer>, List<Integer>> alive, KeyPages pages,
                    KeyValueService kv, ToLongFunction<byte[]> tokenOf) {
        this.segments = segments;
        this.alive = alive;
        this.pages = pages;
        this.kv = kv;
        this.tokenOf = tokenOf;
    }

    /** A single node: one segment, this node's own store. */
    public static KeyspaceScanner single(int selfId, KeyPages pages, KeyValueService kv, ToLongFunction<byte[]> tokenOf) {
        return new KeyspaceScanner(() -> Segment.whole(List.of(selfId)), replicas -> replicas, pages, kv, tokenOf);
    }

    /** A cluster member: the ring's segments, each read from its live replicas. */
    public static KeyspaceScanner cluster(io.ringkv.coordinator.cluster.Membership membership, KeyPages pages, KeyValueService kv,
                                          ToLongFunction<byte[]> tokenOf) {
        return new KeyspaceScanner(new SegmentsOfRing(membership), replicas -> {
            List<Integer> up = new ArrayList<>();
            if (replicas.contains(membership.selfId())) {
                up.add(membership.selfId());
            }
            replicas.stream().filter(id -> id != membership.selfId() && membership.isUp(id)).forEach(up::add);
            return up;
        }, pages, kv, tokenOf);
    }

    /** The ring's segments, built again only when the ring changes (a ring is immutable: a new one is a change). */
    private static final class SegmentsOfRing implements Supplier<List<Segment>> {
        private final io.ringkv.coordinator.cluster.Membership membership;
        private io.ringkv.sharding.Ring built;
        private List<Segment> segments;

        SegmentsOfRing(io.ringkv.coordinator.cluster.Membership membership) {
            this.membership = membership;
        }

        @Override
        public synchronized List<Segment> get() {
            io.ringkv.sharding.Ring ring = membership.ring();
            if (ring != built) {
                segments = Segment.of(ring.ranges(), ring::replicasFor);
                built = ring;
            }
            return segments;
        }
    }

    /**
     * One SCAN call: live keys from the cursor's position on, until about {@code count} keys (at
     * least {@link #MIN_SCAN_PAGE}) have been examined (a page never splits a token, so it may hold
     * a few more), those matching {@code keepKey} and {@code keepValue} returned.
     */
    public CompletableFuture<Page> scan(long cursor, long count, ConsistencyLevel level, Predicate<Cell> keepValue,
                                        Predicate<byte[]> keepKey) {
        List<byte[]> found = new ArrayList<>();
        return walk(position(cursor), Math.max(MIN_SCAN_PAGE, count), level, (key, cell) -> {
            if (keepKey.test(key) && keepValue.test(cell)) {
                found.add(key);
            }
        }).thenApply(next -> new Page(found, next));
    }

    /** Every live key of the cluster, in token order, handed to {@code visitor} with its summary (KEYS, DBSIZE). */
    public CompletableFuture<Void> forEach(ConsistencyLevel level, java.util.function.BiConsumer<byte[], Cell> visitor) {
        return walkAll(Long.MIN_VALUE, level, visitor);
    }

    /**
     * A live key chosen at random (RANDOMKEY), or null when the cluster holds none: the first live
     * key at or after a random token, wrapping once. Keys after a wide stretch of empty tokens are
     * likelier than others, as Redis's own pick is not exactly uniform either.
     */
    public CompletableFuture<byte[]> randomKey(ConsistencyLevel level) {
        long start = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        return seek(start, start, false, level);
    }

    private CompletableFuture<byte[]> seek(long from, long start, boolean wrapped, ConsistencyLevel level) {
        List<byte[]> found = new ArrayList<>();
        return walk(from, 16, level, (key, cell) -> found.add(key)).thenCompose(next -> {
            if (!found.isEmpty()) {
                return CompletableFuture.completedFuture(found.get(0));
            }
            if (next == 0) {
                return wrapped ? CompletableFuture.completedFuture(null) : seek(Long.MIN_VALUE, start, true, level);
            }
            long resume = position(next);
            if (wrapped && resume > start) {
                return CompletableFuture.completedFuture(null);
            }
            return seek(resume, start, wrapped, level);
        });
    }

    private CompletableFuture<Void> walkAll(long from, ConsistencyLevel level, java.util.function.BiConsumer<byte[], Cell> visitor) {
        return walk(from, Long.MAX_VALUE, level, visitor).thenCompose(next ->
                next == 0 ? CompletableFuture.completedFuture(null) : walkAll(position(next), level, visitor));
    }

    /** Visits live keys from token {@code from} until {@code budget} have been examined; completes with the next cursor. */
    private CompletableFuture<Long> walk(long from, long budget, ConsistencyLevel level,
                                         java.util.function.BiConsumer<byte[], Cell> visitor) {
        Segment segment = segments.get().stream().filter(s -> s.contains(from)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no segment holds token " + from));
        List<Integer> targets;
        try {
            targets = targets(segment, level);
        } catch (ConsistencyException unavailable) {
            return CompletableFuture.failedFuture(unavailable);
        }
        long startExclusive = from == segment.first() ? segment.startExclusive() : from - 1;
        int limit = (int) Math.min(budget, WALK_PAGE);
        List<CompletableFuture<KeyPage>> answers = new ArrayList<>();
        for (int node : targets) {
            answers.add(pages.page(node, startExclusive, segment.endInclusive(), limit));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenCompose(done -> decide(answers.stream().map(CompletableFuture::join).toList(), segment, level))
                .thenCompose(decided -> {
                    decided.keys().forEach(visitor);
                    long end = decided.end();
                    if (end == Long.MAX_VALUE) {
                        return CompletableFuture.completedFuture(0L);
                    }
                    long remaining = budget - decided.examined();
                    if (remaining <= 0) {
                        return CompletableFuture.completedFuture(cursor(end + 1));
                    }
                    return walk(end + 1, remaining, level, visitor);
                });
    }

    /** What a page of several replicas decided: the live keys, how many keys it examined, the last token it covers. */
    private record Decided(Map<byte[], Cell> keys, int examined, long end) {
    }

    private CompletableFuture<Decided> decide(List<KeyPage> answers, Segment segment, ConsistencyLevel level) {
        // The page covers tokens up to the smallest last token of the replicas that have more.
        long end = segment.endInclusive();
        for (KeyPage page : answers) {
            if (page.more() && !page.entries().isEmpty()) {
                end = Math.min(end, tokenOf.applyAsLong(page.entries().get(page.entries().size() - 1).getKey()));
            }
        }
        Map<ByteBuffer, List<Cell>> seen = new LinkedHashMap<>();
        for (KeyPage page : answers) {
            for (Map.Entry<byte[], Cell> entry : page.entries()) {
                if (tokenOf.applyAsLong(entry.getKey()) <= end) {
                    seen.computeIfAbsent(ByteBuffer.wrap(entry.getKey()), k -> new ArrayList<>()).add(entry.getValue());
                }
            }
        }
        long now = kv.nowMs();
        Map<byte[], CompletableFuture<Cell>> decisions = new LinkedHashMap<>();
        seen.forEach((key, cells) -> {
            boolean agreed = cells.size() == answers.size() && cells.stream().allMatch(c -> Objects.equals(c, cells.get(0)));
            decisions.put(key.array(), agreed ? CompletableFuture.completedFuture(cells.get(0))
                    : kv.read(key.array(), readLevel(level), Summary.REQUEST));
        });
        long pageEnd = end;
        return CompletableFuture.allOf(decisions.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<byte[], Cell> live = new LinkedHashMap<>();
            decisions.forEach((key, cell) -> {
                Cell decided = cell.join();
                if (decided != null && decided.isLiveAt(now)) {
                    live.put(key, decided);
                }
            });
            return new Decided(live, seen.size(), pageEnd);
        });
    }

    private List<Integer> targets(Segment segment, ConsistencyLevel level) {
        List<Integer> up = alive.apply(segment.replicas());
        int required = readLevel(level).requiredAcks(segment.replicas().size());
        if (up.size() < required) {
            throw new ConsistencyException("UNAVAILABLE " + level + " needs " + required + " replicas of a key range, "
                    + up.size() + " up");
        }
        return up.subList(0, required);
    }

    /**
     * STRONG lists keys as QUORUM does (a Paxos round per key would put the whole store through
     * Paxos), ANY as ONE.
     */
    private static ConsistencyLevel readLevel(ConsistencyLevel level) {
        return switch (level) {
            case STRONG -> ConsistencyLevel.QUORUM;
            case ANY -> ConsistencyLevel.ONE;
            default -> level;
        };
    }

    /** The token a cursor resumes at: 0 is the start; otherwise the unsigned position minus one. */
    static long position(long cursor) {
        return cursor == 0 ? Long.MIN_VALUE : (cursor - 1) ^ Long.MIN_VALUE;
    }

    /**
     * The cursor that resumes at {@code token}. (Resuming at exactly Long.MAX_VALUE would need
     * 2^64, which wraps to 0: a key whose token is the largest possible is not returned after a
     * page ends one token short of it. The odds are 2^-64 per key.)
     */
    static long cursor(long token) {
        return (token ^ Long.MIN_VALUE) + 1;
    }
}
