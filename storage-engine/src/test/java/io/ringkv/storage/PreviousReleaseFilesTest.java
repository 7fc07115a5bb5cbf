package io.ringkv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by the release before typed values (commit 471e506: a snapshot, then
 * an AOF generation after it) loads unchanged: every cell a string, with its version, expiry and
 * tombstones, and the Paxos states. The files are in {@code src/test/resources/previous-release-data},
 * with the program that wrote them ({@code FixtureWriter.java.txt}); its values are repeated here.
 */
class PreviousReleaseFilesTest {
    private static final long HLC = 1_790_000_000_000L << 16;
    private static final long YEAR_2100_MS = 4_102_444_800_000L;

    @TempDir
    Path dir;

    @Test
    void aSnapshotAndAnAofOfThePreviousReleaseLoadAsStrings() throws IOException {
        for (String name : new String[] {"snapshot.2.snap", "aof.2.log"}) {
            try (InputStream in = getClass().getResourceAsStream("/previous-release-data/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        try (StorageEngine engine = StorageEngine.open(new StorageConfig(dir, AppendFsync.ALWAYS, 864_000_000L,
                3_600_000, Arrays::hashCode, () -> 1_800_000_000_000L, false))) {
            Map<String, Cell> expected = new HashMap<>();
            for (int i = 3; i <= 20; i++) {
                expected.put("s:" + i, Cell.live(HLC + i, 1, bytes("value " + i), Cell.NO_EXPIRY));
            }
            expected.put("s:1", Cell.live(HLC + 120, 3, bytes("overwritten"), Cell.NO_EXPIRY));
            expected.put("s:2", Cell.tombstone(HLC + 121, 1));
            // t:1's tombstone was older than gc grace by the writer's clock, so its snapshot left it out.
            expected.put("e:1", Cell.live(HLC + 31, 3, bytes("expires in 2100"), YEAR_2100_MS));
            expected.put("n:1", Cell.live(HLC + 122, 2, bytes("42"), YEAR_2100_MS));
            for (int i = 1; i <= 10; i++) {
                expected.put("a:" + i, Cell.live(HLC + 100 + i, 2, bytes("after snapshot " + i), Cell.NO_EXPIRY));
            }

            Map<String, Cell> loaded = new HashMap<>();
            engine.visit((token, key, cell) -> loaded.put(new String(key, StandardCharsets.UTF_8), cell));
            assertThat(loaded).isEqualTo(expected);
            assertThat(loaded.values()).allSatisfy(cell -> assertThat(cell.type()).isEqualTo(Cell.STRING));

            assertThat(engine.paxosState(bytes("p:1"))).isEqualTo(new PaxosState(new Ballot(HLC + 40, 2),
                    new Ballot(HLC + 40, 2), Cell.live(HLC + 40, 2, bytes("proposed"), Cell.NO_EXPIRY), new Ballot(HLC + 35, 1)));
            assertThat(engine.paxosState(bytes("p:2"))).isEqualTo(new PaxosState(new Ballot(HLC + 130, 3),
                    Ballot.NONE, null, new Ballot(HLC + 129, 3)));
            // Ten new keys, two overwrites, a delete and a Paxos state after the snapshot; nothing cut off.
            assertThat(engine.recoveryReport().aofRecords()).isEqualTo(14);
            assertThat(engine.recoveryReport().truncatedBytes()).isZero();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
