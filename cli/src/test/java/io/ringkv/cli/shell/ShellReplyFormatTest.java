package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.RespClient.RespError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellReplyFormatTest {

    @Test
    void scalarsLookAsInRedisCli() {
        assertThat(ReplyFormat.format("v")).isEqualTo("v");
        assertThat(ReplyFormat.format(null)).isEqualTo("(nil)");
        assertThat(ReplyFormat.format(3L)).isEqualTo("(integer) 3");
        assertThat(ReplyFormat.format(new RespError("UNAVAILABLE QUORUM needs 2, 1 alive")))
                .isEqualTo("(error) UNAVAILABLE QUORUM needs 2, 1 alive");
    }

    @Test
    void arraysAreNumberedAndNestedOnesIndented() {
        assertThat(ReplyFormat.format(Arrays.asList("a", null, List.of("x", 1L)))).isEqualTo("""
                1) a
                2) (nil)
                3) 1) x
                   2) (integer) 1""");
        assertThat(ReplyFormat.format(List.of())).isEqualTo("(empty array)");
    }

    @Test
    void aLimitedArraySaysHowManyItemsWereLeftOut() {
        assertThat(ReplyFormat.format(List.of("a", "b", "c"), 2)).isEqualTo("""
                1) a
                2) b
                (1 more not shown; 2 of 3)""");
    }
}
