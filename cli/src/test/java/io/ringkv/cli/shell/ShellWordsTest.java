package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void wordsAreSeparatedByWhitespace() {
        assertThat(ShellWords.commands("  set   k  v ")).containsExactly(List.of("set", "k", "v"));
    }

    @Test
    void semicolonsSeparateCommandsAndEmptyOnesAreDropped() {
        assertThat(ShellWords.commands("set k v; get k;;get j"))
                .containsExactly(List.of("set", "k", "v"), List.of("get", "k"), List.of("get", "j"));
    }

    @Test
    void quotesKeepSpacesAndSemicolonsInOneWord() {
        assertThat(ShellWords.commands("set k \"hello; world\" ; set j 'a \"b\"'"))
                .containsExactly(List.of("set", "k", "hello; world"), List.of("set", "j", "a \"b\""));
    }

    @Test
    void backslashEscapesInsideDoubleQuotes() {
        assertThat(ShellWords.commands("set k \"say \\\"hi\\\"\"")).containsExactly(List.of("set", "k", "say \"hi\""));
    }

    @Test
    void anEmptyQuotedStringIsAWord() {
        assertThat(ShellWords.commands("set k \"\"")).containsExactly(List.of("set", "k", ""));
    }

    @Test
    void aBlankLineHasNoCommands() {
        assertThat(ShellWords.commands("   ")).isEmpty();
    }

    @Test
    void anUnbalancedQuoteIsRejected() {
        assertThatThrownBy(() -> ShellWords.commands("set k \"oops")).hasMessageContaining("unbalanced");
    }
}
