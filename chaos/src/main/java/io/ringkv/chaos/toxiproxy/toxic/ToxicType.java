package io.ringkv.chaos.toxiproxy.toxic;

import java.util.List;
import java.util.Random;

/**
 * The toxic types Toxiproxy knows, each with its integer attributes (in the order the JSON shows
 * them) and the stage that carries it out on a connection.
 */
public enum ToxicType {
    LATENCY("latency", List.of("latency", "jitter")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new LatencyStage(config.attribute("latency"), config.attribute("jitter"), start.random());
        }
    },
    BANDWIDTH("bandwidth", List.of("rate")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new BandwidthStage(config.attribute("rate"));
        }
    },
    SLOW_CLOSE("slow_close", List.of("delay")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new SlowCloseStage(config.attribute("delay"));
        }
    },
    TIMEOUT("timeout", List.of("timeout")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new TimeoutStage(config.attribute("timeout"), start.nowNanos());
        }
    },
    RESET_PEER("reset_peer", List.of("timeout")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new ResetPeerStage(config.attribute("timeout"));
        }
    },
    SLICER("slicer", List.of("average_size", "size_variation", "delay")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new SlicerStage(config.attribute("average_size"), config.attribute("size_variation"),
                    config.attribute("delay"), start.random());
        }
    },
    LIMIT_DATA("limit_data", List.of("bytes")) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return new LimitDataStage(config.attribute("bytes"), start.previous());
        }
    },
    NOOP("noop", List.of()) {
        @Override
        Stage newStage(ToxicConfig config, StageStart start) {
            return PassThroughStage.INSTANCE;
        }
    };

    /**
     * What a new stage may depend on: the time it starts, the randomness it draws from, and the
     * stage it replaces on this connection (null if none), whose state it may carry over.
     */
    record StageStart(long nowNanos, Random random, Stage previous) {}

    private final String wireName;
    private final List<String> attributeNames;

    ToxicType(String wireName, List<String> attributeNames) {
        this.wireName = wireName;
        this.attributeNames = attributeNames;
    }

    abstract Stage newStage(ToxicConfig config, StageStart start);

    public String wireName() {
        return wireName;
    }

    public List<String> attributeNames() {
        return attributeNames;
    }

    public static ToxicType fromWireName(String wireName) {
        for (ToxicType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw ToxiproxyException.badRequest("invalid toxic type");
    }
}
