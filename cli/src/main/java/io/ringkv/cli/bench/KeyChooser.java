package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/**
 * Which record an operation touches. Uniform picks any of {@code n} equally; scrambled Zipfian
 * (YCSB's default, constant 0.99) makes a few records hot, then hashes the rank so the hot
 * records are spread over the key space instead of clustered at its start.
 */
public interface KeyChooser {
    long next(SplittableRandom random);

    static KeyChooser uniform(long n) {
        return random -> random.nextLong(n);
    }

    static KeyChooser scrambledZipfian(long n) {
        Zipfian zipfian = new Zipfian(n, 0.99);
        return random -> Long.remainderUnsigned(fnv1a(zipfian.next(random)), n);
    }

    private static long fnv1a(long value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < 8; i++) {
            hash ^= (value >>> (i * 8)) & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Zipfian ranks 0..n-1 by the rejection-free method of Gray et al. ("Quickly generating billion-record synthetic databases"). */
    final class Zipfian {
        private final long n;
        private final double theta;
        private final double zetaN;
        private final double alpha;
        private final double eta;

        Zipfian(long n, double theta) {
            this.n = n;
            this.theta = theta;
            this.zetaN = zeta(n, theta);
            this.alpha = 1.0 / (1.0 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta(2, theta) / zetaN);
        }

        private static double zeta(long n, double theta) {
            double sum = 0;
            for (long i = 1; i <= n; i++) {
                sum += 1 / Math.pow(i, theta);
            }
            return sum;
        }

        long next(SplittableRandom random) {
            double u = random.nextDouble();
            double uz = u * zetaN;
            if (uz < 1.0) {
                return 0;
            }
            if (uz < 1.0 + Math.pow(0.5, theta)) {
                return 1;
            }
            return Math.min(n - 1, (long) (n * Math.pow(eta * u - eta + 1, alpha)));
        }
    }
}
