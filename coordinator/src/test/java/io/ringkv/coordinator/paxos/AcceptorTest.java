package io.ringkv.coordinator.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.Ballot;
import io.ringkv.storage.Cell;
import io.ringkv.storage.PaxosState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The acceptor's rules, one key, against an in-memory store. */
class AcceptorTest {
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    private final MemoryStore store = new MemoryStore();
    private final Acceptor acceptor = new Acceptor(store);

    private static Ballot ballot(long hlc) {
        return new Ballot(hlc, 1);
    }

    private static Cell cell(long version, String value) {
        return Cell.live(version, 2, value.getBytes(StandardCharsets.UTF_8), Cell.NO_EXPIRY);
    }

    @Test
    void promisesOnlyHigherBallotsAndRemembersThem() {
        assertThat(acceptor.prepare(KEY, ballot(10)).join().granted()).isTrue();
        assertThat(store.state(KEY).promised()).isEqualTo(ballot(10));
        Promise lower = acceptor.prepare(KEY, ballot(9)).join();
        assertThat(lower.granted()).isFalse();
        assertThat(lower.promised()).as("a refusal names the promise that beat it").isEqualTo(ballot(10));
        assertThat(acceptor.prepare(KEY, ballot(10)).join().granted()).as("an equal ballot is not higher").isFalse();
        assertThat(acceptor.prepare(KEY, ballot(11)).join().granted()).isTrue();
    }

    @Test
    void acceptsProposalsAtOrAboveItsPromiseAndReportsThemInLaterPromises() {
        acceptor.prepare(KEY, ballot(10)).join();
        assertThat(acceptor.propose(KEY, ballot(9), cell(9, "old")).join()).isFalse();
        assertThat(acceptor.propose(KEY, ballot(10), cell(10, "a")).join()).isTrue();
        Promise next = acceptor.prepare(KEY, ballot(12)).join();
        assertThat(next.accepted()).isEqualTo(ballot(10));
        assertThat(next.acceptedCell()).isEqualTo(cell(10, "a"));
        assertThat(next.data()).as("not committed yet").isNull();
    }

    @Test
    void commitAppliesTheCellAndSettlesTheProposal() {
        acceptor.prepare(KEY, ballot(10)).join();
        acceptor.propose(KEY, ballot(10), cell(10, "a")).join();
        acceptor.commit(KEY, ballot(10), cell(10, "a")).join();
        Promise next = acceptor.prepare(KEY, ballot(11)).join();
        assertThat(next.data()).isEqualTo(cell(10, "a"));
        assertThat(next.committed()).isEqualTo(ballot(10));
        assertThat(next.accepted().isNone()).as("nothing in progress after its commit").isTrue();

        acceptor.commit(KEY, ballot(8), cell(8, "late")).join();
        assertThat(store.state(KEY).committed()).as("an older commit does not move the commit ballot").isEqualTo(ballot(10));
        assertThat(store.read(KEY)).as("and its older cell loses last-write-wins").isEqualTo(cell(10, "a"));
    }

    @Test
    void aCommitOfAnOlderBallotKeepsANewerProposalInProgress() {
        acceptor.prepare(KEY, ballot(20)).join();
        acceptor.propose(KEY, ballot(20), cell(20, "b")).join();
        acceptor.commit(KEY, ballot(15), cell(15, "a")).join();
        Promise next = acceptor.prepare(KEY, ballot(21)).join();
        assertThat(next.accepted()).isEqualTo(ballot(20));
        assertThat(next.committed()).isEqualTo(ballot(15));
    }

    /** Durable at once; what the acceptor saved is what a restarted acceptor would read. */
    private static final class MemoryStore implements PaxosReplicaStore {
        private final Map<ByteBuffer, Cell> cells = new HashMap<>();
        private final Map<ByteBuffer, PaxosState> states = new HashMap<>();

        @Override
        public Cell read(byte[] key) {
            return cells.get(ByteBuffer.wrap(key));
        }

        @Override
        public PaxosState state(byte[] key) {
            return states.getOrDefault(ByteBuffer.wrap(key), PaxosState.EMPTY);
        }

        @Override
        public CompletableFuture<?> saveState(byte[] key, PaxosState state) {
            states.put(ByteBuffer.wrap(key), state);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> apply(byte[] key, Cell cell) {
            cells.merge(ByteBuffer.wrap(key), cell, Cell::newer);
            return CompletableFuture.completedFuture(null);
        }
    }
}
