package io.ringkv.coordinator.linearizability;

import java.util.Random;

/**
 * Small histories of one key with random answers, not executed against anything: about half are
 * linearizable, many only by way of an operation of unknown outcome (three in ten complete as info,
 * and some are left pending). Processes interleave at random, so operations overlap. The same seed
 * always gives the same history.
 */
final class ArbitraryRegisterHistory {
    private static final String[] VALUES = {"a", "b", "c"};

    private ArbitraryRegisterHistory() {
    }

    static History generate(long seed, int processes, int operations) {
        Random random = new Random(seed);
        History history = new History();
        Integer[] openByProcess = new Integer[processes];
        int started = 0;
        boolean leavePending = random.nextBoolean();
        while (started < operations || (!leavePending && anyOpen(openByProcess))) {
            int process = random.nextInt(processes);
            if (openByProcess[process] != null) {
                complete(history, openByProcess[process], random);
                openByProcess[process] = null;
            } else if (started < operations) {
                openByProcess[process] = invoke(history, process, random);
                started++;
            }
        }
        return history;
    }

    private static int invoke(History history, int process, Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> history.invokeRead(process, "k");
            case 1 -> history.invokeWrite(process, "k", value(random));
            default -> history.invokeCas(process, "k", valueOrAbsent(random), value(random));
        };
    }

    private static void complete(History history, int id, Random random) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            history.fail(id);
        } else if (roll <= 3) {
            history.info(id);
        } else {
            completeOk(history, id, random);
        }
    }

    private static void completeOk(History history, int id, Random random) {
        switch (history.operations().get(id).type()) {
            case READ -> history.okRead(id, valueOrAbsent(random));
            case WRITE -> history.okWrite(id);
            case CAS -> history.okCas(id, random.nextBoolean());
        }
    }

    private static boolean anyOpen(Integer[] openByProcess) {
        for (Integer open : openByProcess) {
            if (open != null) {
                return true;
            }
        }
        return false;
    }

    private static String value(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    /** Absent one time in four. */
    private static String valueOrAbsent(Random random) {
        return random.nextInt(4) == 0 ? null : value(random);
    }
}
