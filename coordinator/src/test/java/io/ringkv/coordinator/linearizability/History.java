package io.ringkv.coordinator.linearizability;

import io.ringkv.coordinator.linearizability.Operation.Outcome;
import io.ringkv.coordinator.linearizability.Operation.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record of register operations (read, write, compare-and-set) on string keys, as clients saw
 * them, for {@link LinearizabilityChecker}.
 *
 * <p>Record an invoke just before a request is sent and its completion just after the answer
 * arrives: the checker takes the order of recording as real time, so an operation that completed
 * before another was invoked must precede it. All methods are synchronized, so threads of a
 * real-cluster test may record into one history; the lock is what orders their events.
 *
 * <p>Each process is sequential: it invokes its next operation only after its previous one
 * completed (ok, fail or info). Misuse throws {@link IllegalStateException} at once, not at check
 * time. Values are non-null; null stands for "key absent" where a value is read or expected.
 */
public final class History {
    private final List<Event> events = new ArrayList<>();
    private final List<Invocation> invocations = new ArrayList<>();
    private final Map<Integer, Integer> openOperationByProcess = new HashMap<>();

    public History() {
    }

    /** Returns the operation's id, for its completion. */
    public synchronized int invokeRead(int process, String key) {
        return invoke(process, key, Type.READ, null, null);
    }

    public synchronized int invokeWrite(int process, String key, String value) {
        return invoke(process, key, Type.WRITE, null, Objects.requireNonNull(value, "value"));
    }

    /** {@code expected == null} asks that the key be absent, like SET NX. */
    public synchronized int invokeCas(int process, String key, String expected, String newValue) {
        return invoke(process, key, Type.CAS, expected, Objects.requireNonNull(newValue, "newValue"));
    }

    /** {@code valueOrNull == null}: the key was absent. */
    public synchronized void okRead(int id, String valueOrNull) {
        Invocation invocation = completing(id, Type.READ);
        invocation.readValue = valueOrNull;
        complete(invocation, Outcome.OK);
    }

    public synchronized void okWrite(int id) {
        complete(completing(id, Type.WRITE), Outcome.OK);
    }

    /** {@code applied == false}: the value was not the expected one, and nothing changed. */
    public synchronized void okCas(int id, boolean applied) {
        Invocation invocation = completing(id, Type.CAS);
        invocation.casApplied = applied;
        complete(invocation, Outcome.OK);
    }

    /** The operation definitely did not take effect. */
    public synchronized void fail(int id) {
        complete(completing(id, null), Outcome.FAIL);
    }

    /** The outcome is unknown (a timeout): it may have taken effect at any point after its invoke. */
    public synchronized void info(int id) {
        complete(completing(id, null), Outcome.INFO);
    }

    /** The number of operations invoked, whatever became of them. */
    public synchronized int size() {
        return invocations.size();
    }

    /** Every operation as it stands now; one not completed yet is {@link Outcome#PENDING}. */
    synchronized List<Operation> operations() {
        List<Operation> operations = new ArrayList<>(invocations.size());
        for (Invocation invocation : invocations) {
            operations.add(invocation.toOperation());
        }
        return operations;
    }

    /** One event per line, e.g. {@code @7 p2 complete #3 cas(k, "a" -> "b") ok applied}. */
    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        for (int time = 0; time < events.size(); time++) {
            Event event = events.get(time);
            Operation operation = invocations.get(event.operationId()).toOperation();
            text.append('@').append(time).append(" p").append(operation.process()).append(' ')
                    .append(event.isInvoke() ? "invoke" : "complete")
                    .append(" #").append(operation.id()).append(' ').append(operation.describeRequest());
            if (!event.isInvoke()) {
                text.append(' ').append(operation.describeResult());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private int invoke(int process, String key, Type type, String expected, String value) {
        Objects.requireNonNull(key, "key");
        Integer open = openOperationByProcess.get(process);
        if (open != null) {
            throw new IllegalStateException("process " + process + " invoked " + type + " while its operation #"
                    + open + " is still open (expected: one operation at a time per process)");
        }
        int id = invocations.size();
        invocations.add(new Invocation(id, process, key, type, expected, value, events.size()));
        events.add(new Event(id, true));
        openOperationByProcess.put(process, id);
        return id;
    }

    /** The open invocation {@code id}, checked to be of {@code expectedType} unless that is null. */
    private Invocation completing(int id, Type expectedType) {
        if (id < 0 || id >= invocations.size()) {
            throw new IllegalArgumentException(
                    "no operation #" + id + " (expected: 0 <= id < " + invocations.size() + ")");
        }
        Invocation invocation = invocations.get(id);
        if (invocation.outcome != Outcome.PENDING) {
            throw new IllegalStateException("operation #" + id + " already completed as " + invocation.outcome);
        }
        if (expectedType != null && invocation.type != expectedType) {
            throw new IllegalStateException("operation #" + id + " is a " + invocation.type
                    + ", completed as a " + expectedType);
        }
        return invocation;
    }

    private void complete(Invocation invocation, Outcome outcome) {
        invocation.outcome = outcome;
        invocation.completedAtEvent = events.size();
        events.add(new Event(invocation.id, false));
        openOperationByProcess.remove(invocation.process);
    }

    /** An event's time is its position in {@link #events}. */
    private record Event(int operationId, boolean isInvoke) {
    }

    /** An operation while it is being recorded; its completion fields fill in once. */
    private static final class Invocation {
        final int id;
        final int process;
        final String key;
        final Type type;
        final String expected;
        final String value;
        final long invokedAtEvent;
        Outcome outcome = Outcome.PENDING;
        long completedAtEvent = Operation.NEVER;
        String readValue;
        boolean casApplied;

        Invocation(int id, int process, String key, Type type, String expected, String value, long invokedAtEvent) {
            this.id = id;
            this.process = process;
            this.key = key;
            this.type = type;
            this.expected = expected;
            this.value = value;
            this.invokedAtEvent = invokedAtEvent;
        }

        Operation toOperation() {
            return new Operation(id, process, key, type, expected, value, outcome, readValue, casApplied,
                    invokedAtEvent, completedAtEvent);
        }
    }
}
