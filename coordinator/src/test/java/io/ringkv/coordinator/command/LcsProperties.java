package io.ringkv.coordinator.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** LCS's answer on random strings over a small alphabet, checked without the table it was built from. */
class LcsProperties {

    @Property(tries = 500)
    void theSubsequenceIsCommonLongestAndItsRunsMatch(@ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'd') String a,
                                                       @ForAll @StringLength(max = 30) @CharRange(from = 'a', to = 'd') String b,
                                                       @ForAll @IntRange(max = 4) int minMatch) {
        Lcs.Result result = Lcs.of(a.getBytes(), b.getBytes(), minMatch);
        String common = new String(result.subsequence());
        assertThat(isSubsequence(common, a)).as("%s in %s", common, a).isTrue();
        assertThat(isSubsequence(common, b)).as("%s in %s", common, b).isTrue();
        assertThat(common.length()).isEqualTo(longest(a, b));
        int covered = 0;
        for (Lcs.Match match : result.matches()) {
            String inA = a.substring(match.aStart(), match.aEnd() + 1);
            assertThat(inA).isEqualTo(b.substring(match.bStart(), match.bEnd() + 1));
            assertThat(match.length()).isGreaterThanOrEqualTo(minMatch);
            covered += match.length();
        }
        if (minMatch <= 1) {
            assertThat(covered).as("with no minimum the runs are the whole subsequence").isEqualTo(common.length());
        }
        for (int i = 1; i < result.matches().size(); i++) {
            assertThat(result.matches().get(i).aEnd()).as("runs from the end backwards")
                    .isLessThan(result.matches().get(i - 1).aStart());
        }
    }

    private static boolean isSubsequence(String small, String big) {
        int at = 0;
        for (int i = 0; i < big.length() && at < small.length(); i++) {
            if (big.charAt(i) == small.charAt(at)) {
                at++;
            }
        }
        return at == small.length();
    }

    /** The LCS length by memoised recursion on suffixes, a different computation from Lcs's prefix table. */
    private static int longest(String a, String b) {
        int[][] memo = new int[a.length() + 1][b.length() + 1];
        for (int[] row : memo) {
            Arrays.fill(row, -1);
        }
        return suffix(a, b, 0, 0, memo);
    }

    private static int suffix(String a, String b, int i, int j, int[][] memo) {
        if (i == a.length() || j == b.length()) {
            return 0;
        }
        if (memo[i][j] < 0) {
            memo[i][j] = a.charAt(i) == b.charAt(j) ? 1 + suffix(a, b, i + 1, j + 1, memo)
                    : Math.max(suffix(a, b, i + 1, j, memo), suffix(a, b, i, j + 1, memo));
        }
        return memo[i][j];
    }
}
