package io.ringkv.coordinator.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTest {
    private final History history = new History();

    @Test
    void everyInvokeGetsANewIdAndCountsAsAnOperation() {
        int read = history.invokeRead(1, "k");
        int write = history.invokeWrite(2, "k", "a");
        int cas = history.invokeCas(3, "k", null, "b");

        assertThat(read).isNotEqualTo(write).isNotEqualTo(cas);
        assertThat(write).isNotEqualTo(cas);
        assertThat(history.size()).isEqualTo(3);
    }

    @Test
    void aProcessCannotInvokeWhileItsOperationIsOpen() {
        history.invokeWrite(1, "k", "a");

        assertThatThrownBy(() -> history.invokeRead(1, "k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("process 1");
    }

    @Test
    void aProcessMayGoOnAfterFailOrInfo() {
        history.fail(history.invokeWrite(1, "k", "a"));
        history.info(history.invokeWrite(1, "k", "b"));
        history.okRead(history.invokeRead(1, "k"), "b");

        assertThat(history.size()).isEqualTo(3);
    }

    @Test
    void anOperationCompletesOnlyOnce() {
        int write = history.invokeWrite(1, "k", "a");
        history.okWrite(write);

        assertThatThrownBy(() -> history.info(write)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOperationCompletesOnlyAsItsOwnKind() {
        int write = history.invokeWrite(1, "k", "a");

        assertThatThrownBy(() -> history.okRead(write, "a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is a WRITE");
    }

    @Test
    void completingAnUnknownOperationIsRejected() {
        assertThatThrownBy(() -> history.okWrite(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenValuesAreNeverNull() {
        assertThatThrownBy(() -> history.invokeWrite(1, "k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> history.invokeCas(1, "k", "a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringListsOneEventPerLineInTheOrderRecorded() {
        int write = history.invokeWrite(1, "k", "a");
        int cas = history.invokeCas(2, "k", null, "b");
        history.okWrite(write);
        history.okCas(cas, false);
        int read = history.invokeRead(1, "k");
        history.okRead(read, null);
        history.info(history.invokeWrite(1, "k", "c"));
        history.invokeRead(3, "k");

        assertThat(history.toString()).isEqualTo("""
                @0 p1 invoke #0 write(k, "a")
                @1 p2 invoke #1 cas(k, absent -> "b")
                @2 p1 complete #0 write(k, "a") ok
                @3 p2 complete #1 cas(k, absent -> "b") ok rejected
                @4 p1 invoke #2 read(k)
                @5 p1 complete #2 read(k) ok absent
                @6 p1 invoke #3 write(k, "c")
                @7 p1 complete #3 write(k, "c") info
                @8 p3 invoke #4 read(k)
                """);
    }
}
