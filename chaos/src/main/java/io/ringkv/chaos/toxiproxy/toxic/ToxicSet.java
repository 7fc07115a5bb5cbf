package io.ringkv.chaos.toxiproxy.toxic;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The toxics of one proxy: an immutable value holding each stream's toxics in the order they were
 * added. Names are unique across both streams.
 */
public final class ToxicSet {

    private static final ToxicSet EMPTY = new ToxicSet(ImmutableList.of(), ImmutableList.of());

    private final ImmutableList<ToxicConfig> upstream;
    private final ImmutableList<ToxicConfig> downstream;

    private ToxicSet(ImmutableList<ToxicConfig> upstream, ImmutableList<ToxicConfig> downstream) {
        this.upstream = upstream;
        this.downstream = downstream;
    }

    public static ToxicSet empty() {
        return EMPTY;
    }

    /** Upstream toxics first, then downstream, each in the order added (Toxiproxy's listing order). */
    public List<ToxicConfig> all() {
        return ImmutableList.<ToxicConfig>builder().addAll(upstream).addAll(downstream).build();
    }

    public List<ToxicConfig> forDirection(Direction direction) {
        return direction == Direction.UPSTREAM ? upstream : downstream;
    }

    public boolean contains(ToxicType type) {
        return all().stream().anyMatch(toxic -> toxic.type() == type);
    }

    public ToxicConfig get(String name) {
        return all().stream()
                .filter(toxic -> toxic.name().equals(name))
                .findFirst()
                .orElseThrow(ToxiproxyException::toxicNotFound);
    }

    public ToxicSet with(ToxicConfig toxic) {
        if (all().stream().anyMatch(existing -> existing.name().equals(toxic.name()))) {
            throw ToxiproxyException.toxicAlreadyExists();
        }
        return toxic.stream() == Direction.UPSTREAM
                ? new ToxicSet(append(upstream, toxic), downstream)
                : new ToxicSet(upstream, append(downstream, toxic));
    }

    /** Replaces the toxic named {@code name} by {@code change(it)}, keeping its place. */
    public ToxicSet updated(String name, UnaryOperator<ToxicConfig> change) {
        ToxicConfig current = get(name);
        ToxicConfig next = change.apply(current);
        return new ToxicSet(replace(upstream, current, next), replace(downstream, current, next));
    }

    public ToxicSet without(String name) {
        ToxicConfig current = get(name);
        return new ToxicSet(remove(upstream, current), remove(downstream, current));
    }

    private static ImmutableList<ToxicConfig> append(ImmutableList<ToxicConfig> toxics, ToxicConfig toxic) {
        return ImmutableList.<ToxicConfig>builder().addAll(toxics).add(toxic).build();
    }

    private static ImmutableList<ToxicConfig> replace(ImmutableList<ToxicConfig> toxics, ToxicConfig old, ToxicConfig next) {
        return toxics.stream().map(toxic -> toxic == old ? next : toxic).collect(ImmutableList.toImmutableList());
    }

    private static ImmutableList<ToxicConfig> remove(ImmutableList<ToxicConfig> toxics, ToxicConfig old) {
        return toxics.stream().filter(toxic -> toxic != old).collect(ImmutableList.toImmutableList());
    }

    @Override
    public String toString() {
        return "ToxicSet" + all();
    }
}
