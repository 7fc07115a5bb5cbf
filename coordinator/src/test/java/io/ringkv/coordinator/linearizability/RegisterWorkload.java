package io.ringkv.coordinator.linearizability;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates histories that are linearizable by construction: processes run random reads, writes
 * and compare-and-sets against a real register per key, and each operation takes effect at one
 * instant between its invoke and its completion, so the order of those instants is a
 * linearization. The same seed and shape always give the same history.
 *
 * <p>First {@code sequentialOperations} run one at a time, then {@code concurrentOperations} run
 * with the processes interleaved at random, so up to {@code processes} operations overlap. Some
 * operations fail before taking effect, and some end in info, either before or after taking
 * effect. The run may stop with operations still in flight, which the history leaves pending.
 */
final class RegisterWorkload {
    /** A value no generated operation writes. */
    static final String NEVER_WRITTEN = "never-written";

    private static final int NO_CORRUPTED_READ = -1;

    record Shape(int processes, int keys, int sequentialOperations, int concurrentOperations, int distinctValues,
            int infoPercent, int failPercent) {
    }

    /** The history, and the number of OK reads in it (the reads a corruption may pick). */
    record Run(History history, int okReads) {
    }

    private final Random random;
    private final Shape shape;
    private final int corruptedRead;
    private final History history = new History();
    private final Map<String, String> registers = new HashMap<>();
    private final InFlight[] inFlightByProcess;
    private int okReads;

    private RegisterWorkload(long seed, Shape shape, int corruptedRead) {
        this.random = new Random(seed);
        this.shape = shape;
        this.corruptedRead = corruptedRead;
        this.inFlightByProcess = new InFlight[shape.processes()];
    }

    static Run run(long seed, Shape shape) {
        return new RegisterWorkload(seed, shape, NO_CORRUPTED_READ).generate();
    }

    /**
     * The history {@code run(seed, shape)} gives, except that its OK read number
     * {@code corruptedRead} (from 0) returns {@link #NEVER_WRITTEN}: no register ever held that.
     */
    static Run runWithCorruptedRead(long seed, Shape shape, int corruptedRead) {
        if (corruptedRead < 0) {
            throw new IllegalArgumentException("corruptedRead " + corruptedRead + " (expected: >= 0)");
        }
        return new RegisterWorkload(seed, shape, corruptedRead).generate();
    }

    private Run generate() {
        for (int started = 0; started < shape.sequentialOperations(); started++) {
            int process = random.nextInt(shape.processes());
            invoke(process);
            while (inFlightByProcess[process] != null) {
                advance(process);
            }
        }
        boolean drainAtEnd = random.nextBoolean();
        int started = 0;
        while (started < shape.concurrentOperations() || (drainAtEnd && anyInFlight())) {
            int process = random.nextInt(shape.processes());
            if (inFlightByProcess[process] != null) {
                advance(process);
            } else if (started < shape.concurrentOperations()) {
                invoke(process);
                started++;
            }
        }
        return new Run(history, okReads);
    }

    private void invoke(int process) {
        String key = "k" + random.nextInt(shape.keys());
        int kind = random.nextInt(10);
        InFlight inFlight;
        if (kind < 4) {
            inFlight = new InFlight(Operation.Type.READ, key, null, null);
            inFlight.id = history.invokeRead(process, key);
        } else if (kind < 7) {
            inFlight = new InFlight(Operation.Type.WRITE, key, null, randomValue());
            inFlight.id = history.invokeWrite(process, key, inFlight.value);
        } else {
            inFlight = new InFlight(Operation.Type.CAS, key, likelyExpected(key), randomValue());
            inFlight.id = history.invokeCas(process, key, inFlight.expected, inFlight.value);
        }
        inFlightByProcess[process] = inFlight;
    }

    /** One step of the process's operation: fail, take effect, or complete (ok or info). */
    private void advance(int process) {
        InFlight inFlight = inFlightByProcess[process];
        int roll = random.nextInt(100);
        if (!inFlight.tookEffect && roll < shape.failPercent()) {
            history.fail(inFlight.id);
        } else if (roll >= 100 - shape.infoPercent()) {
            history.info(inFlight.id);
        } else if (!inFlight.tookEffect) {
            takeEffect(inFlight);
            return;
        } else {
            completeOk(inFlight);
        }
        inFlightByProcess[process] = null;
    }

    private void takeEffect(InFlight inFlight) {
        String current = registers.get(inFlight.key);
        switch (inFlight.type) {
            case READ -> inFlight.readValue = current;
            case WRITE -> registers.put(inFlight.key, inFlight.value);
            case CAS -> {
                inFlight.casApplied = Objects.equals(current, inFlight.expected);
                if (inFlight.casApplied) {
                    registers.put(inFlight.key, inFlight.value);
                }
            }
        }
        inFlight.tookEffect = true;
    }

    private void completeOk(InFlight inFlight) {
        switch (inFlight.type) {
            case READ -> history.okRead(inFlight.id, okReads++ == corruptedRead ? NEVER_WRITTEN : inFlight.readValue);
            case WRITE -> history.okWrite(inFlight.id);
            case CAS -> history.okCas(inFlight.id, inFlight.casApplied);
        }
    }

    private boolean anyInFlight() {
        for (InFlight inFlight : inFlightByProcess) {
            if (inFlight != null) {
                return true;
            }
        }
        return false;
    }

    private String randomValue() {
        return "v" + random.nextInt(shape.distinctValues());
    }

    /** Mostly the value the register holds now, so that many compare-and-sets apply. */
    private String likelyExpected(String key) {
        int roll = random.nextInt(4);
        return roll < 2 ? registers.get(key) : roll == 2 ? null : randomValue();
    }

    /** A process's current operation: its request, and its answer once it has taken effect. */
    private static final class InFlight {
        final Operation.Type type;
        final String key;
        final String expected;
        final String value;
        int id;
        boolean tookEffect;
        String readValue;
        boolean casApplied;

        InFlight(Operation.Type type, String key, String expected, String value) {
            this.type = type;
            this.key = key;
            this.expected = expected;
            this.value = value;
        }
    }
}
