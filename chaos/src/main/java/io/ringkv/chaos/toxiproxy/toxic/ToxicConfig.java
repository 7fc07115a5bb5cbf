package io.ringkv.chaos.toxiproxy.toxic;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * One configured toxic, as the API shows it. Every attribute of the type is present (unset ones
 * are 0) and in the type's order; unknown attributes are dropped, as Toxiproxy ignores them.
 */
public record ToxicConfig(String name, ToxicType type, Direction stream, double toxicity, ImmutableMap<String, Long> attributes) {

    public ToxicConfig {
        Preconditions.checkArgument(!name.isEmpty(), "toxic name is empty");
        Preconditions.checkArgument(attributes.keySet().asList().equals(type.attributeNames()),
                "attributes %s (expected: %s)", attributes.keySet(), type.attributeNames());
        checkToxicity(toxicity);
    }

    /** A new toxic; a null or empty name becomes {@code <type>_<stream>}, as in Toxiproxy. */
    public static ToxicConfig of(String name, ToxicType type, Direction stream, double toxicity, Map<String, Long> attributes) {
        String effectiveName = name == null || name.isEmpty() ? type.wireName() + "_" + stream.wireName() : name;
        checkToxicity(toxicity);
        return new ToxicConfig(effectiveName, type, stream, toxicity, completeAttributes(type, Map.of(), attributes));
    }

    public ToxicConfig withToxicity(double newToxicity) {
        checkToxicity(newToxicity);
        return new ToxicConfig(name, type, stream, newToxicity, attributes);
    }

    /** Merges a partial set of attributes into the current values. */
    public ToxicConfig withAttributes(Map<String, Long> changed) {
        return new ToxicConfig(name, type, stream, toxicity, completeAttributes(type, attributes, changed));
    }

    public long attribute(String attributeName) {
        Long value = attributes.get(attributeName);
        Preconditions.checkArgument(value != null, "%s has no attribute %s", type.wireName(), attributeName);
        return value;
    }

    private static ImmutableMap<String, Long> completeAttributes(ToxicType type, Map<String, Long> current, Map<String, Long> changed) {
        ImmutableMap.Builder<String, Long> complete = ImmutableMap.builder();
        for (String attributeName : type.attributeNames()) {
            complete.put(attributeName, changed.getOrDefault(attributeName, current.getOrDefault(attributeName, 0L)));
        }
        return complete.build();
    }

    private static void checkToxicity(double toxicity) {
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw ToxiproxyException.badRequest("toxicity " + toxicity + " (expected: 0 <= toxicity <= 1)");
        }
    }
}
