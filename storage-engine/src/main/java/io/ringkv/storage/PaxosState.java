package io.ringkv.storage;

/**
 * What one replica has promised and accepted for one key's Paxos rounds, stored durably (AOF and
 * snapshots) before the replica answers, so a restart never breaks a promise.
 *
 * @param promised     no prepare or proposal below this ballot is accepted any more
 * @param accepted     the ballot of the last proposal accepted, {@link Ballot#NONE} if none is pending
 * @param acceptedCell that proposal's cell, null exactly when {@code accepted} is none
 * @param committed    the highest ballot whose proposal this replica has committed
 */
public record PaxosState(Ballot promised, Ballot accepted, Cell acceptedCell, Ballot committed) {
    public static final PaxosState EMPTY = new PaxosState(Ballot.NONE, Ballot.NONE, null, Ballot.NONE);

    public PaxosState {
        if (promised == null || accepted == null || committed == null) {
            throw new IllegalArgumentException("ballots must not be null (use Ballot.NONE)");
        }
        if (accepted.isNone() != (acceptedCell == null)) {
            throw new IllegalArgumentException("an accepted ballot goes with its cell: " + accepted + ", " + acceptedCell);
        }
    }
}
