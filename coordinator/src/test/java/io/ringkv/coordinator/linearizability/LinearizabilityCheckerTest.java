package io.ringkv.coordinator.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.coordinator.linearizability.LinearizationSearch.SearchOutcome;
import io.ringkv.coordinator.linearizability.LinearizationSearch.UnknownOutcomes;
import io.ringkv.coordinator.linearizability.RegisterWorkload.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
    private final History history = new History();

    @Nested
    class Linearizable {
        @Test
        void sequentialWritesAndReads() {
            write(1, "k", "a");
            read(1, "k", "a");
            write(2, "k", "b");
            read(1, "k", "b");

            assertLinearizable();
        }

        @Test
        void readBeforeAnyWriteSeesAbsent() {
            read(1, "k", null);
            write(2, "k", "a");
            read(1, "k", "a");

            assertLinearizable();
        }

        @Test
        void readOverlappingAWriteMaySeeTheOldValue() {
            write(1, "k", "a");
            int writeB = history.invokeWrite(1, "k", "b");
            read(2, "k", "a");
            history.okWrite(writeB);

            assertLinearizable();
        }

        @Test
        void readOverlappingAWriteMaySeeTheNewValue() {
            write(1, "k", "a");
            int writeB = history.invokeWrite(1, "k", "b");
            read(2, "k", "b");
            history.okWrite(writeB);
            read(2, "k", "b");

            assertLinearizable();
        }

        @Test
        void compareAndSetChain() {
            cas(1, "k", null, "a", true);
            cas(2, "k", "a", "b", true);
            cas(1, "k", "a", "c", false);
            cas(2, "k", "b", "c", true);
            read(1, "k", "c");

            assertLinearizable();
        }

        @Test
        void ofTwoConcurrentCompareAndSetsFromTheSameValueOneApplies() {
            write(1, "k", "a");
            int toB = history.invokeCas(1, "k", "a", "b");
            int toC = history.invokeCas(2, "k", "a", "c");
            history.okCas(toC, false);
            history.okCas(toB, true);
            read(3, "k", "b");

            assertLinearizable();
        }

        @Test
        void rejectedCompareAndSetCanFollowAnOverlappingWrite() {
            write(1, "k", "a");
            int writeC = history.invokeWrite(1, "k", "c");
            cas(2, "k", "a", "b", false);
            history.okWrite(writeC);
            read(2, "k", "c");

            assertLinearizable();
        }

        @Test
        void infoWriteSeenByALaterRead() {
            write(1, "k", "a");
            history.info(history.invokeWrite(1, "k", "b"));
            read(2, "k", "a");
            read(2, "k", "b");

            assertLinearizable();
        }

        @Test
        void infoWriteNeverSeen() {
            write(1, "k", "a");
            history.info(history.invokeWrite(1, "k", "b"));
            read(2, "k", "a");
            write(2, "k", "c");
            read(2, "k", "c");

            assertLinearizable();
        }

        @Test
        void writeThatNeverCompletedMayTakeEffectLongAfter() {
            history.invokeWrite(1, "k", "b");
            read(2, "k", null);
            write(3, "k", "a");
            read(2, "k", "a");
            read(2, "k", "b");

            assertLinearizable();
        }

        @Test
        void infoCompareAndSetMayHaveApplied() {
            write(1, "k", "a");
            history.info(history.invokeCas(1, "k", "a", "b"));
            read(2, "k", "b");

            assertLinearizable();
        }

        @Test
        void failedWriteNeverTookEffect() {
            write(1, "k", "a");
            history.fail(history.invokeWrite(1, "k", "b"));
            read(2, "k", "a");

            assertLinearizable();
        }

        @Test
        void eachKeyIsItsOwnRegister() {
            write(1, "x", "a");
            write(2, "y", "b");
            read(1, "x", "a");
            read(2, "y", "b");

            assertLinearizable();
        }

        @Test
        void historyRecordedByThreadsAgainstAnAtomicRegister() throws InterruptedException {
            AtomicReference<String> register = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int process = 0; process < 8; process++) {
                int self = process;
                threads.add(new Thread(() -> runAgainst(register, self, 200)));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(history.size()).isEqualTo(8 * 200);
            assertLinearizable();
        }
    }

    @Nested
    class NotLinearizable {
        @Test
        void staleReadAfterACompletedWrite() {
            write(1, "k", "a");
            write(1, "k", "b");
            read(2, "k", "a");

            assertNotLinearizable("k");
        }

        @Test
        void lostUpdateTwoCompareAndSetsFromTheSameValueBothApplied() {
            write(1, "k", "a");
            int toB = history.invokeCas(1, "k", "a", "b");
            int toC = history.invokeCas(2, "k", "a", "c");
            history.okCas(toB, true);
            history.okCas(toC, true);

            assertNotLinearizable("k");
        }

        @Test
        void twoSetIfAbsentBothApplied() {
            cas(1, "k", null, "a", true);
            cas(2, "k", null, "b", true);

            assertNotLinearizable("k");
        }

        @Test
        void readOfAValueNeverWritten() {
            write(1, "k", "a");
            read(2, "k", "z");

            assertNotLinearizable("k");
        }

        @Test
        void readsGoingBackInTime() {
            write(1, "k", "a");
            int writeB = history.invokeWrite(1, "k", "b");
            read(2, "k", "b");
            read(3, "k", "a");
            history.okWrite(writeB);

            assertNotLinearizable("k");
        }

        @Test
        void rejectedCompareAndSetWhileTheValueEqualledExpected() {
            write(1, "k", "a");
            cas(2, "k", "a", "b", false);
            read(1, "k", "a");

            assertNotLinearizable("k");
        }

        @Test
        void readOfAFailedWrite() {
            write(1, "k", "a");
            history.fail(history.invokeWrite(1, "k", "b"));
            read(2, "k", "b");

            assertNotLinearizable("k");
        }

        @Test
        void infoWriteSeenBeforeItWasInvoked() {
            read(1, "k", "b");
            history.info(history.invokeWrite(2, "k", "b"));

            assertNotLinearizable("k");
        }

        @Test
        void infoWriteTakingEffectTwice() {
            int infoWrite = history.invokeWrite(1, "k", "a");
            read(2, "k", "a");
            write(2, "k", "b");
            read(2, "k", "a");
            history.info(infoWrite);

            assertNotLinearizable("k");
        }

        @Test
        void violationIsReportedOnItsOwnKey() {
            write(1, "x", "a");
            read(2, "y", "a");
            read(1, "x", "a");

            assertNotLinearizable("y");
        }

        @Test
        void explanationShowsThePrefixAndWhyNothingCouldGoNext() {
            write(1, "k", "a");
            write(1, "k", "b");
            int staleRead = history.invokeRead(2, "k");
            history.okRead(staleRead, "a");

            CheckResult result = LinearizabilityChecker.check(history);

            assertThat(result.explanation())
                    .contains("key k is not linearizable")
                    .contains("Longest linearizable prefix found: 2 operations")
                    .contains("2. #1 p1 write(k, \"b\") ok [invoked @2, completed @3]  => \"b\"")
                    .contains("Next, #" + staleRead + " p2 read(k) ok \"a\" [invoked @4, completed @5]")
                    .contains("it returned \"a\" but the value is \"b\"");
        }

        @Test
        void explanationOfAValueFromNowhereNamesItsReader() {
            write(1, "k", "a");
            read(2, "k", "z");
            write(1, "k", "z");

            CheckResult result = LinearizabilityChecker.check(history);

            assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
            assertThat(result.explanation()).isEqualTo("key k is not linearizable: #1 p2 read(k) ok \"z\" "
                    + "[invoked @2, completed @3] saw \"z\", which no write or compare-and-set invoked before @3 "
                    + "could have written.\n");
        }
    }

    @Nested
    class GivingUp {
        @Test
        void searchPastItsStateLimitGivesUpWithoutAVerdict() {
            for (int i = 0; i < 10; i++) {
                write(1, "k", "v" + i);
            }

            CheckResult result = LinearizabilityChecker.check(history, 5);

            assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(result.linearizable()).isFalse();
            assertThat(result.key()).isEqualTo("k");
            assertThat(result.explanation()).contains("gave up on key k", "maxExploredStates=5");
        }

        @Test
        void theSameHistoryWithinTheLimitIsDecided() {
            for (int i = 0; i < 10; i++) {
                write(1, "k", "v" + i);
            }

            assertThat(LinearizabilityChecker.check(history, 11).verdict()).isEqualTo(Verdict.LINEARIZABLE);
        }

        @Test
        void whenTheExactSearchGivesUpTheRelaxedOneCanStillProveAViolation() {
            History workload = RegisterWorkload.run(3, new Shape(4, 1, 0, 120, 3, 15, 0)).history();
            appendStaleRead(workload, 4);
            List<Operation> operations = LinearizabilityChecker.constrainingOperationsByKey(workload).get("k0");
            long exactStates = statesToDecide(operations, UnknownOutcomes.TAKE_EFFECT_AT_MOST_ONCE);
            long relaxedStates = statesToDecide(operations, UnknownOutcomes.MAY_TAKE_EFFECT_REPEATEDLY);
            assertThat(relaxedStates).as("states the relaxed search needs").isLessThan(exactStates);

            CheckResult result = LinearizabilityChecker.check(workload, relaxedStates);

            assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.NOT_LINEARIZABLE);
            assertThat(result.explanation())
                    .contains("even if each operation of unknown outcome could take effect any number of times");
        }

        @Test
        void aViolationOnAnotherKeyOutranksGivingUp() {
            for (int i = 0; i < 10; i++) {
                write(1, "a", "v" + i);
            }
            write(1, "b", "x");
            read(2, "b", null);

            CheckResult result = LinearizabilityChecker.check(history, 3);

            assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
            assertThat(result.key()).isEqualTo("b");
        }
    }

    private void write(int process, String key, String value) {
        history.okWrite(history.invokeWrite(process, key, value));
    }

    private void read(int process, String key, String returned) {
        history.okRead(history.invokeRead(process, key), returned);
    }

    private void cas(int process, String key, String expected, String newValue, boolean applied) {
        history.okCas(history.invokeCas(process, key, expected, newValue), applied);
    }

    /** Ends the history with a read, by a process of its own, of a value overwritten before it began. */
    private static void appendStaleRead(History history, int freshProcess) {
        history.okWrite(history.invokeWrite(freshProcess, "k0", "older"));
        history.okWrite(history.invokeWrite(freshProcess, "k0", "newer"));
        history.okRead(history.invokeRead(freshProcess, "k0"), "older");
    }

    private static long statesToDecide(List<Operation> operations, UnknownOutcomes unknownOutcomes) {
        SearchOutcome outcome = new LinearizationSearch(operations, 10_000_000, unknownOutcomes).run();
        assertThat(outcome.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        return outcome.exploredStates();
    }

    private void assertLinearizable() {
        CheckResult result = LinearizabilityChecker.check(history);
        assertThat(result.verdict()).as("%s%nhistory:%n%s", result, history).isEqualTo(Verdict.LINEARIZABLE);
    }

    private void assertNotLinearizable(String key) {
        CheckResult result = LinearizabilityChecker.check(history);
        assertThat(result.verdict()).as("%s%nhistory:%n%s", result, history).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.key()).isEqualTo(key);
    }

    /** A register that is linearizable by construction: every operation is one atomic step. */
    private void runAgainst(AtomicReference<String> register, int process, int operations) {
        Random random = new Random(process);
        for (int i = 0; i < operations; i++) {
            String value = "v" + random.nextInt(3);
            switch (random.nextInt(3)) {
                case 0 -> {
                    int id = history.invokeRead(process, "k");
                    history.okRead(id, register.get());
                }
                case 1 -> {
                    int id = history.invokeWrite(process, "k", value);
                    register.set(value);
                    history.okWrite(id);
                }
                default -> {
                    String expected = random.nextBoolean() ? null : "v" + random.nextInt(3);
                    int id = history.invokeCas(process, "k", expected, value);
                    history.okCas(id, compareAndSet(register, expected, value));
                }
            }
        }
    }

    private static boolean compareAndSet(AtomicReference<String> register, String expected, String newValue) {
        while (true) {
            String current = register.get();
            if (!Objects.equals(current, expected)) {
                return false;
            }
            if (register.compareAndSet(current, newValue)) {
                return true;
            }
        }
    }
}
