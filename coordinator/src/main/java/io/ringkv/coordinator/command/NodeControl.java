package io.ringkv.coordinator.command;

import io.ringkv.storage.SnapshotInfo;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The node-wide operations that server commands (INFO, BGSAVE, DBSIZE, FLUSHALL, CONFIG) reach. */
public interface NodeControl {

    CompletableFuture<SnapshotInfo> snapshot();

    /** Keys this node's store holds a live value for (its own replicas: nodetool's load). */
    long liveKeyCount();

    /** FLUSHALL across the cluster: completes when every member that is up has truncated, durably. */
    CompletableFuture<Void> flushAll();

    /** INFO text for one section name, or every section for null/"all"/"everything". */
    String info(String section);

    /** Effective configuration, key name → text. */
    Map<String, String> config();

    /** One line per node: id, address, Up/Down, state, owned share, tokens; for RING and INFO. */
    String ring();

    /** The key's token and replica set, one {@code name=value} per line; for RING KEY. */
    String ringKey(byte[] key);

    /** One {@code token=<t> node=<id>} line per vnode token in ring order; for RING TOKENS. */
    String ringTokens();

    /**
     * FAULT: applies {@code args} (DELAY/DROP/PARTITION/HEAL/LIST) to this node's internode traffic
     * and answers the active faults; bad input throws IllegalArgumentException and changes nothing.
     */
    java.util.List<String> fault(java.util.List<String> args);

    /** Repair sessions from this node, or null for a single node. */
    RepairControl repairs();

    /** Epoch seconds of the last successful snapshot (0 if none), for LASTSAVE. */
    long lastSnapshotEpochSeconds();
}
