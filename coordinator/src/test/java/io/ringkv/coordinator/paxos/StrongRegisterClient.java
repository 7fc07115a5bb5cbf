package io.ringkv.coordinator.paxos;

import static io.ringkv.coordinator.node.RespCalls.command;

import io.ringkv.coordinator.linearizability.History;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One client of a register workload against real nodes over RESP at STRONG: reads, writes of
 * unique values and compare-and-sets on a few keys, each recorded in a {@link History}. Errors
 * the protocol calls definite (UNAVAILABLE, TIMEOUT before anything was proposed) are failures;
 * "outcome unknown" and a lost connection are recorded as unknown.
 */
public final class StrongRegisterClient {
    private final History history;
    private final AtomicInteger values;
    private final int keys;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private volatile boolean stopped;

    /** {@code values} numbers written values across all clients so that each is unique. */
    public StrongRegisterClient(History history, AtomicInteger values, int keys) {
        this.history = history;
        this.values = values;
        this.keys = keys;
    }

    /** Every running client finishes its current operation and returns. */
    public void stop() {
        stopped = true;
    }

    public int completed() {
        return completed.get();
    }

    public int succeeded() {
        return succeeded.get();
    }

    /**
     * Runs up to {@code ops} operations (fewer if the deadline passes or on {@link #stop}) as {@code process}; each
     * goes to the RESP port {@code portOfAttempt} gives for the attempt's number.
     */
    public void run(int process, int ops, long deadlineNanos, IntUnaryOperator portOfAttempt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, String> lastSeen = new HashMap<>();
        for (int i = 0; i < ops && !stopped && System.nanoTime() < deadlineNanos; i++) {
            String key = "reg-" + random.nextInt(keys);
            int choice = random.nextInt(10);
            // Mostly the value this client last saw, so that many compare-and-sets apply.
            String expected = random.nextInt(4) > 0 ? lastSeen.getOrDefault(key, "v0")
                    : "v" + random.nextInt(values.get() + 1);
            String value = "v" + values.incrementAndGet();
            int id = choice < 4 ? history.invokeRead(process, key)
                    : choice < 7 ? history.invokeWrite(process, key, value)
                    : history.invokeCas(process, key, expected, value);
            try (Jedis jedis = new Jedis("127.0.0.1", portOfAttempt.applyAsInt(i), 5_000)) {
                command(jedis, "CONSISTENCY", "STRONG");
                if (choice < 4) {
                    String read = jedis.get(key);
                    history.okRead(id, read);
                    lastSeen.put(key, read == null ? "v0" : read);
                } else if (choice < 7) {
                    jedis.set(key, value);
                    history.okWrite(id);
                    lastSeen.put(key, value);
                } else {
                    List<Object> answer = cas(jedis, key, expected, value);
                    history.okCas(id, (Long) answer.get(0) == 1L);
                    lastSeen.put(key, answer.get(1) == null ? "v0" : (String) answer.get(1));
                }
                succeeded.incrementAndGet();
            } catch (JedisDataException e) {
                String error = e.getMessage();
                if (error.startsWith("UNAVAILABLE") || error.startsWith("TIMEOUT") && !error.contains("outcome unknown")) {
                    history.fail(id);
                } else {
                    history.info(id);
                }
            } catch (JedisConnectionException e) {
                history.info(id);
            }
            completed.incrementAndGet();
        }
    }

    /** {@code CAS key expected new}: {@code [1 or 0, value]}, the value as text or null. */
    public static List<Object> cas(Jedis jedis, String key, String expected, String replacement) {
        Object reply = jedis.sendCommand(() -> "CAS".getBytes(StandardCharsets.US_ASCII), key, expected, replacement);
        List<Object> out = new ArrayList<>();
        for (Object part : (List<?>) reply) {
            out.add(part instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : part);
        }
        return out;
    }
}
