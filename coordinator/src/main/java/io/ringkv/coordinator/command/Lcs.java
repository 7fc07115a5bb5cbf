package io.ringkv.coordinator.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest common subsequence of two strings, as Redis's LCS answers it: the table of prefix
 * LCS lengths, then a walk back from the ends that collects the subsequence and the runs of it that
 * are contiguous in both strings (the IDX matches, last first). Pure; the command reads the keys.
 */
final class Lcs {
    /** A contiguous run of the subsequence: its start and end in each string (inclusive). */
    record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    /** The result: the subsequence and its runs of at least the minimum length asked for. */
    record Result(byte[] subsequence, List<Match> matches) {
        int length() {
            return subsequence.length;
        }
    }

    /** Above this many table cells (4 bytes each) the command refuses, as Redis refuses when it cannot allocate. */
    static final long MAX_CELLS = 256L * 1024 * 1024;

    private Lcs() {
    }

    /** True when the table for strings of these lengths fits {@link #MAX_CELLS}. */
    static boolean fits(int aLength, int bLength) {
        return (long) (aLength + 1) * (bLength + 1) <= MAX_CELLS;
    }

    static Result of(byte[] a, byte[] b, long minMatchLength) {
        int width = b.length + 1;
        int[] table = new int[(a.length + 1) * width];
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int index = table[a.length * width + b.length];
        byte[] subsequence = new byte[index];
        List<Match> matches = new ArrayList<>();
        int none = a.length;
        int aStart = none;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = a.length;
        int j = b.length;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                subsequence[--index] = a[i - 1];
                if (aStart == none) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                // A run that reached the start of either string ends here.
                emit |= aStart == 0 || bStart == 0;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                emit = aStart != none;
            }
            if (emit) {
                Match match = new Match(aStart, aEnd, bStart, bEnd);
                if (minMatchLength == 0 || match.length() >= minMatchLength) {
                    matches.add(match);
                }
                aStart = none;
            }
        }
        return new Result(subsequence, matches);
    }
}
