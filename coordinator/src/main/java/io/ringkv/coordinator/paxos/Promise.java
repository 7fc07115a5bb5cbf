package io.ringkv.coordinator.paxos;

import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;

/**
 * An acceptor's answer to a prepare. When granted it carries the acceptor's proposal in progress
 * (if any), the last ballot it committed, and its stored cell for the key (the read folded into
 * prepare). When refused, {@code promised} is the higher ballot it promised instead.
 */
public record Promise(boolean granted, Ballot promised, Ballot accepted, Cell acceptedCell, Ballot committed, Cell data) {

    public static Promise refused(Ballot promised) {
        return new Promise(false, promised, Ballot.NONE, null, Ballot.NONE, null);
    }

    public static Promise granted(Ballot promised, Ballot accepted, Cell acceptedCell, Ballot committed, Cell data) {
        return new Promise(true, promised, accepted, acceptedCell, committed, data);
    }
}
