package io.ringkv.coordinator.cluster;

import java.util.List;

/**
 * What gossip says about one node. {@code generation} is the node's start time, so a restart
 * supersedes everything said before it; {@code heartbeat} grows while it runs.
 */
public record EndpointInfo(int nodeId, long generation, long heartbeat, NodeState state, String host,
                           int grpcPort, int respPort, List<Long> tokens) {

    public enum NodeState { JOINING, NORMAL, LEAVING, LEFT }

    /** True when this is newer news about the node than {@code other}. */
    public boolean supersedes(EndpointInfo other) {
        return other == null || generation > other.generation
                || generation == other.generation && heartbeat > other.heartbeat;
    }

    public EndpointInfo withHeartbeat(long next) {
        return new EndpointInfo(nodeId, generation, next, state, host, grpcPort, respPort, tokens);
    }
}
