package io.ringkv.coordinator.cluster;

import io.ringkv.sharding.Ring;

/** What a coordinator needs to know of the cluster: who it is, the ring, and who is up. */
public interface ClusterView {
    int selfId();

    Ring ring();

    boolean isUp(int nodeId);
}
