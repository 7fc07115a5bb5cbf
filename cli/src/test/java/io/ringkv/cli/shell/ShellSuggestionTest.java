package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellSuggestionTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(CommandSuggestion.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(CommandSuggestion.editDistance("", "abc")).isEqualTo(3);
        assertThat(CommandSuggestion.editDistance("same", "same")).isZero();
        assertThat(CommandSuggestion.editDistance("stauts", "status")).isEqualTo(2);
    }

    @Test
    void aTypoIsAnsweredWithTheClosestCommand() {
        assertThat(CommandSuggestion.unknownCommandMessage("stauts", CommandHelp.names()))
                .isEqualTo("unknown command 'stauts'; did you mean 'status'?");
        assertThat(CommandSuggestion.unknownCommandMessage("repiar", CommandHelp.names()))
                .isEqualTo("unknown command 'repiar'; did you mean 'repair'?");
        assertThat(CommandSuggestion.closest("gte", CommandHelp.names())).contains("get");
    }

    @Test
    void nothingCloseGetsAPointerToHelpInstead() {
        assertThat(CommandSuggestion.unknownCommandMessage("xyzzyplugh", CommandHelp.names()))
                .isEqualTo("unknown command 'xyzzyplugh'; type 'help' for the list");
    }

    @Test
    void tiesGoToTheFirstNameListed() {
        assertThat(CommandSuggestion.closest("bb", List.of("ab", "ba"))).contains("ab");
    }
}
