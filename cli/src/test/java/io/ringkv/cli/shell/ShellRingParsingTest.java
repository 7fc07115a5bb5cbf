package io.ringkv.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellRingParsingTest {

    @Test
    void ringTokensLinesParseInOrder() {
        List<TokenOwner> owners = TokenOwner.parseAll(List.of(
                "token=-9033454176964697392 node=3", "token=-8841300592863556209 node=1", "token=382071443991219607 node=2"));
        assertThat(owners).containsExactly(new TokenOwner(-9033454176964697392L, 3),
                new TokenOwner(-8841300592863556209L, 1), new TokenOwner(382071443991219607L, 2));
    }

    @Test
    void ringTokensTableListsTokensAndTheirCount() {
        String table = TokenOwner.table(List.of(new TokenOwner(-5, 3), new TokenOwner(42, 1)));
        assertThat(table).isEqualTo("""
                Token  Node
                -5     3
                42     1
                2 tokens
                """);
    }

    @Test
    void aTokenLineWithoutANodeIsRejected() {
        assertThatThrownBy(() -> TokenOwner.parseAll(List.of("token=5"))).hasMessageContaining("token=<t> node=<id>");
    }

    @Test
    void ringKeyLinesParseIntoAPlacement() {
        KeyPlacement placement = KeyPlacement.parse(List.of("key=user:42", "token=5303797501861836210", "replicas=2,1,3"));
        assertThat(placement).isEqualTo(new KeyPlacement("user:42", 5303797501861836210L, List.of(2, 1, 3)));
        assertThat(placement.render()).isEqualTo("""
                key       user:42
                token     5303797501861836210
                replicas  2, 1, 3  (primary: node 2)
                """);
    }

    @Test
    void aKeyWithSpacesAndEqualsSignsStaysWhole() {
        assertThat(KeyPlacement.parse(List.of("key=a b=c", "token=-1", "replicas=1")).key()).isEqualTo("a b=c");
    }

    @Test
    void aPlacementMissingALineIsRejected() {
        assertThatThrownBy(() -> KeyPlacement.parse(List.of("key=k", "token=1")))
                .hasMessageContaining("replicas=");
    }
}
