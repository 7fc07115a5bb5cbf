package io.ringkv.chaos.toxiproxy.toxic;

import io.ringkv.chaos.toxiproxy.toxic.ToxicType.StageStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * The toxics of one stream of one connection, in order, each as a running {@link Stage}. Events go
 * through every stage in turn; a stage that ends the stream passes the end on to the stages after
 * it (so slow_close after limit_data still delays the close). Pure: no I/O, no clock of its own.
 *
 * <p>Toxicity is drawn when a toxic's stage starts: when the connection opens, and when the toxic
 * is added or updated. A toxic that loses the draw passes data through unchanged.
 */
public final class ToxicChain {

    /** A rebuilt chain, and whether the change must close the connection. */
    public record Update(ToxicChain chain, boolean closesConnection) {}

    private record Link(ToxicConfig config, Stage stage) {}

    private final List<Link> links;
    private final Random random;

    private ToxicChain(List<Link> links, Random random) {
        this.links = List.copyOf(links);
        this.random = random;
    }

    public static ToxicChain start(List<ToxicConfig> toxics, long nowNanos, Random random) {
        return new ToxicChain(List.of(), random).rebuild(toxics, nowNanos).chain();
    }

    /**
     * The chain for a new list of toxics: unchanged toxics keep their running stage (state, draw
     * and timers); new and updated ones start afresh, an updated one taking over its predecessor's
     * state where the type keeps some.
     */
    public Update rebuild(List<ToxicConfig> toxics, long nowNanos) {
        Map<String, Link> current = new HashMap<>();
        links.forEach(link -> current.put(link.config().name(), link));
        List<Link> next = new ArrayList<>(toxics.size());
        for (ToxicConfig toxic : toxics) {
            Link existing = current.remove(toxic.name());
            if (existing != null && existing.config().equals(toxic)) {
                next.add(existing);
            } else {
                Stage previous = existing == null ? null : existing.stage();
                next.add(new Link(toxic, startStage(toxic, new StageStart(nowNanos, random, previous))));
            }
        }
        boolean closesConnection = current.values().stream().anyMatch(removed -> removed.stage().closesConnectionWhenRemoved());
        return new Update(new ToxicChain(next, random), closesConnection);
    }

    private static Stage startStage(ToxicConfig toxic, StageStart start) {
        boolean applies = start.random().nextDouble() < toxic.toxicity();
        return applies ? toxic.type().newStage(toxic, start) : PassThroughStage.INSTANCE;
    }

    public Flow onData(Piece piece) {
        return runFrom(0, List.of(piece), OptionalLong.empty());
    }

    public Flow onEnd(long atNanos) {
        return runFrom(0, List.of(), OptionalLong.of(atNanos));
    }

    /** The earliest time a stage wants to act without data, {@link Long#MAX_VALUE} if none. */
    public long nextDeadlineNanos() {
        return links.stream().mapToLong(link -> link.stage().deadlineNanos()).min().orElse(Nanos.NEVER);
    }

    /** Lets the first stage whose deadline has come act, and passes its outcome down the chain. */
    public Flow onDeadline(long nowNanos) {
        for (int i = 0; i < links.size(); i++) {
            Stage stage = links.get(i).stage();
            if (stage.deadlineNanos() <= nowNanos) {
                Flow flow = stage.onDeadline(nowNanos);
                return runFrom(i + 1, flow.pieces(), flow.endAtNanos());
            }
        }
        return Flow.NOTHING;
    }

    private Flow runFrom(int firstStage, List<Piece> pieces, OptionalLong endAtNanos) {
        for (int i = firstStage; i < links.size(); i++) {
            Stage stage = links.get(i).stage();
            List<Piece> passed = new ArrayList<>();
            OptionalLong stageEnd = OptionalLong.empty();
            for (Piece piece : pieces) {
                Flow flow = stage.onData(piece);
                passed.addAll(flow.pieces());
                if (flow.ends()) {
                    stageEnd = flow.endAtNanos();
                    break;
                }
            }
            if (stageEnd.isEmpty() && endAtNanos.isPresent()) {
                Flow flow = stage.onEnd(endAtNanos.getAsLong());
                passed.addAll(flow.pieces());
                stageEnd = flow.endAtNanos();
            }
            pieces = passed;
            endAtNanos = stageEnd;
        }
        return new Flow(pieces, endAtNanos);
    }
}
