package io.ringkv.coordinator.linearizability;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which operations of one key the search has linearized, and the immutable {@link Configuration}
 * it remembers once the search has failed from there.
 *
 * <p>Operations with a known outcome are numbered {@code 0 .. knownCount - 1} in invoke order and
 * the others after them. The known ones get linearized roughly in order, so their set is a run of
 * full words, a few sparse words at the frontier, and zeros: stored as the length of the run and
 * the non-zero words after it. Operations of unknown outcome may stay out for ever, so they are kept
 * apart, in words of their own, where {@link UnknownPart#covers} can compare them as subsets.
 */
final class LinearizedSet {
    private static final long FULL_WORD = -1L;

    private final int knownCount;
    private final long[] knownWords;
    private final long[] unknownWords;

    LinearizedSet(int knownCount, int unknownCount) {
        this.knownCount = knownCount;
        this.knownWords = new long[wordsFor(knownCount)];
        this.unknownWords = new long[wordsFor(unknownCount)];
    }

    void add(int index) {
        if (index < knownCount) {
            knownWords[index / Long.SIZE] |= 1L << index;
        } else {
            unknownWords[(index - knownCount) / Long.SIZE] |= 1L << (index - knownCount);
        }
    }

    void remove(int index) {
        if (index < knownCount) {
            knownWords[index / Long.SIZE] &= ~(1L << index);
        } else {
            unknownWords[(index - knownCount) / Long.SIZE] &= ~(1L << (index - knownCount));
        }
    }

    /** {@code afterUnknown}: the latest operation linearized is one of unknown outcome. */
    Configuration with(String value, boolean afterUnknown) {
        return new Configuration(KnownPart.of(knownWords, value), UnknownPart.of(unknownWords, afterUnknown));
    }

    private static int wordsFor(int bits) {
        return (bits + Long.SIZE - 1) / Long.SIZE;
    }

    /**
     * {@link Arrays#hashCode(long[])} folds the two halves of a word together, so sets differing in
     * bits 32 apart collide; mixing each word first (MurmurHash3's finalizer) keeps hash maps of
     * configurations fast.
     */
    private static int mixedHash(long[] words) {
        int hash = 1;
        for (long word : words) {
            long mixed = (word ^ (word >>> 33)) * 0xff51afd7ed558ccdL;
            mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
            mixed ^= mixed >>> 33;
            hash = 31 * hash + Long.hashCode(mixed);
        }
        return hash;
    }

    /** A point of the search. */
    record Configuration(KnownPart knownPart, UnknownPart unknownPart) {
    }

    /** The operations of known outcome linearized, compacted, and the value they leave. */
    static final class KnownPart {
        private final int fullWords;
        /** Pairs of (word index, word) for the non-zero words after the full ones. */
        private final long[] sparseWords;
        private final String value;
        private final int hash;

        private KnownPart(int fullWords, long[] sparseWords, String value) {
            this.fullWords = fullWords;
            this.sparseWords = sparseWords;
            this.value = value;
            this.hash = 31 * (31 * fullWords + mixedHash(sparseWords)) + Objects.hashCode(value);
        }

        static KnownPart of(long[] words, String value) {
            int fullWords = 0;
            while (fullWords < words.length && words[fullWords] == FULL_WORD) {
                fullWords++;
            }
            int nonZero = 0;
            for (int word = fullWords; word < words.length; word++) {
                nonZero += words[word] == 0 ? 0 : 1;
            }
            long[] sparse = new long[2 * nonZero];
            int next = 0;
            for (int word = fullWords; word < words.length; word++) {
                if (words[word] != 0) {
                    sparse[next++] = word;
                    sparse[next++] = words[word];
                }
            }
            return new KnownPart(fullWords, sparse, value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KnownPart that
                    && hash == that.hash
                    && fullWords == that.fullWords
                    && Arrays.equals(sparseWords, that.sparseWords)
                    && Objects.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * The operations of unknown outcome linearized, and whether the latest operation linearized was
     * one of them (which narrows what may follow, see {@link NextChoices}).
     */
    static final class UnknownPart {
        /** Shared by every configuration with no operation of unknown outcome linearized. */
        private static final UnknownPart NONE = new UnknownPart(new long[0], false);

        private final long[] words;
        private final boolean afterUnknown;

        private UnknownPart(long[] words, boolean afterUnknown) {
            this.words = words;
            this.afterUnknown = afterUnknown;
        }

        static UnknownPart of(long[] words, boolean afterUnknown) {
            boolean none = !afterUnknown && Arrays.stream(words).allMatch(word -> word == 0);
            return none ? NONE : new UnknownPart(words.clone(), afterUnknown);
        }

        /**
         * With the same known part, true when {@code other} cannot succeed if this one failed: no
         * operation of unknown outcome is still available there that is not available here, and no
         * choice is open there that is closed here.
         */
        boolean covers(UnknownPart other) {
            if (afterUnknown && !other.afterUnknown) {
                return false;
            }
            for (int word = 0; word < words.length; word++) {
                if ((words[word] & ~wordOf(other, word)) != 0) {
                    return false;
                }
            }
            return true;
        }

        private static long wordOf(UnknownPart part, int word) {
            return word < part.words.length ? part.words[word] : 0;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UnknownPart that
                    && afterUnknown == that.afterUnknown
                    && Arrays.equals(words, that.words);
        }

        @Override
        public int hashCode() {
            return 31 * mixedHash(words) + Boolean.hashCode(afterUnknown);
        }
    }
}
