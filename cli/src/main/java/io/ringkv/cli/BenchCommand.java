package io.ringkv.cli;

import io.ringkv.cli.bench.KeyChooser;
import io.ringkv.cli.bench.LoadDriver;
import io.ringkv.cli.bench.PaxosCounters;
import io.ringkv.cli.bench.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringkv bench}: YCSB-style load over RESP against ringkv (or any Redis server). Loads the
 * records, then runs the workload for a duration or an operation count, printing a progress line
 * each second and a latency summary from HdrHistogram at the end. A request that timed out is
 * counted as an error and never retried.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = RingkvVersion.class, description = "YCSB-style benchmark over RESP (workloads A, B, C; T for transactions).")
public final class BenchCommand implements Callable<Integer> {
    private static final long MAX_LATENCY_MICROS = LoadDriver.MAX_LATENCY_MICROS;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "server address (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", split = ",", defaultValue = "7001",
            description = "RESP port(s); several spread the clients over nodes (default: ${DEFAULT-VALUE})")
    int[] ports;

    @Option(names = "--workload", defaultValue = "A", description = "A (50/50 read/update), B (95/5), C (read only), T (MULTI, 3 SETs, EXEC)")
    String workload;

    @Option(names = "--distribution", defaultValue = "zipfian", description = "zipfian (scrambled, 0.99) or uniform")
    String distribution;

    @Option(names = "--consistency", defaultValue = "QUORUM",
            description = "level for reads and writes, sent as CONSISTENCY; 'none' for a plain Redis server")
    String consistency;

    @Option(names = "--records", defaultValue = "100000", description = "number of keys (default: ${DEFAULT-VALUE})")
    long records;

    @Option(names = "--value-size", defaultValue = "100", description = "value bytes (default: ${DEFAULT-VALUE})")
    int valueSize;

    @Option(names = "--threads", defaultValue = "16", description = "client connections, all driven by one thread as redis-benchmark does (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--pipeline", defaultValue = "1", description = "requests in flight per connection (default: ${DEFAULT-VALUE})")
    int pipeline;

    @Option(names = "--duration", defaultValue = "30", description = "seconds to run (default: ${DEFAULT-VALUE})")
    long durationSeconds;

    @Option(names = "--ops", defaultValue = "0", description = "stop after this many operations instead (0 = use --duration)")
    long maxOps;

    @Option(names = "--skip-load", description = "do not write the records first")
    boolean skipLoad;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    /**
     * Runs one benchmark with picocli's parsing of {@code args}, everything it prints going to
     * {@code out}; a failure (say, no server) is one line there, not a stack trace, as the shell goes on.
     */
    public static int execute(List<String> args, PrintWriter out) {
        return new CommandLine(new BenchCommand()).setOut(out).setErr(out)
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    out.println("ringkv bench: " + failure);
                    return 1;
                })
                .execute(args.toArray(String[]::new));
    }

    /** The usage text {@code ringkv bench --help} prints. */
    public static String usage() {
        return new CommandLine(new BenchCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** Every option name, longest form first, for completion. */
    public static List<String> optionNames() {
        return new CommandLine(new BenchCommand()).getCommandSpec().options().stream()
                .map(OptionSpec::longestName).toList();
    }

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastErrorText = "";

    @Override
    public Integer call() throws Exception {
        try {
            return benchmark();
        } catch (IOException | ExecutionException e) {
            // No server, a refused CONSISTENCY, a lost connection: one line, not a stack trace.
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            spec.commandLine().getErr().println("ringkv bench: " + cause.getMessage());
            return 1;
        }
    }

    private int benchmark() throws Exception {
        Workload chosen;
        try {
            chosen = Workload.parse(workload);
            checkArguments();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("ringkv bench: " + e.getMessage());
            return 2;
        }
        KeyChooser keys = distribution.equalsIgnoreCase("uniform") ? KeyChooser.uniform(records)
                : KeyChooser.scrambledZipfian(records);
        String value = "v".repeat(valueSize);
        if (!skipLoad) {
            load(value);
        }
        out().printf("workload %s, %s keys, %d records, %d threads x pipeline %d, consistency %s, %s%n",
                chosen, distribution, records, threads, pipeline, consistency,
                maxOps > 0 ? maxOps + " ops" : durationSeconds + " s");
        List<Integer> portList = java.util.Arrays.stream(ports).boxed().toList();
        PaxosCounters paxosBefore = PaxosCounters.read(host, portList);
        Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
        String[] setup = consistency.equalsIgnoreCase("none") ? new String[0] : new String[] {"CONSISTENCY", consistency};
        LoadDriver driver = LoadDriver.open(host, ports, threads, pipeline, seed, setup);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> run = pool.submit(() -> {
            try (driver) {
                driver.run(random -> nextRequest(chosen, keys, value, random), chosen.repliesPerOperation(),
                        maxOps > 0 ? Long.MAX_VALUE : deadline,
                        maxOps, recorder, done, this::countError);
            }
            return null;
        });
        Histogram total = new Histogram(MAX_LATENCY_MICROS, 3);
        Histogram interval = null;
        while (!run.isDone()) {
            TimeUnit.MILLISECONDS.sleep(1000);
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            out().printf("  %5.1f s  %,12d ops  %,10.0f ops/s  p99 %.2f ms  errors %d%n",
                    (System.nanoTime() - start) / 1e9, done.get(), interval.getTotalCount() / 1.0,
                    interval.getValueAtPercentile(99) / 1000.0, errors.get());
        }
        pool.shutdown();
        run.get();
        total.add(recorder.getIntervalHistogram());
        double seconds = (System.nanoTime() - start) / 1e9;
        out().printf(Locale.ROOT, "%nops %d in %.1f s: %.0f ops/s; latency ms p50 %.3f p99 %.3f p99.9 %.3f max %.3f;"
                        + " errors %d%s%n", total.getTotalCount(), seconds, total.getTotalCount() / seconds,
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0,
                total.getValueAtPercentile(99.9) / 1000.0, total.getMaxValue() / 1000.0, errors.get(),
                errors.get() > 0 ? " (last: " + lastErrorText + ")" : "");
        String paxos = PaxosCounters.read(host, portList).minus(paxosBefore).describe();
        if (paxos != null) {
            out().println(paxos);
        }
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private void checkArguments() {
        if (records < 1 || threads < 1 || pipeline < 1 || valueSize < 0 || durationSeconds < 1 && maxOps < 1) {
            throw new IllegalArgumentException("records, threads, pipeline and duration must be positive");
        }
    }

    private RespClient connect(int thread) throws IOException {
        RespClient client = new RespClient(host, ports[thread % ports.length], 30_000);
        if (!consistency.equalsIgnoreCase("none")) {
            Object reply = client.call("CONSISTENCY", consistency);
            if (reply instanceof RespClient.RespError error) {
                client.close();
                throw new IOException("CONSISTENCY " + consistency + ": " + error.message());
            }
        }
        return client;
    }

    private void load(String value) throws Exception {
        out().printf("loading %d records of %d bytes...%n", records, valueSize);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> loaders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            loaders.add(pool.submit(() -> {
                try (RespClient client = connect(thread)) {
                    long batch = 0;
                    for (long key = thread; key < records; key += threads) {
                        client.send("SET", keyName(key), value);
                        if (++batch == 64) {
                            drain(client, batch);
                            batch = 0;
                        }
                    }
                    drain(client, batch);
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> loader : loaders) {
            loader.get();
        }
        if (errors.get() > 0) {
            out().println("load had " + errors.get() + " errors (last: " + lastErrorText + ")");
        }
        errors.set(0);
    }

    private void drain(RespClient client, long replies) throws IOException {
        client.flush();
        for (long i = 0; i < replies; i++) {
            countError(client.read());
        }
    }

    private static byte[] nextRequest(Workload chosen, KeyChooser keys, String value, SplittableRandom random) {
        if (chosen == Workload.T) {
            return transaction(keys, value, random);
        }
        String key = keyName(keys.next(random));
        return chosen.nextIsRead(random.nextDouble()) ? RespClient.encode("GET", key) : RespClient.encode("SET", key, value);
    }

    /** MULTI, three SETs of chosen keys, EXEC, encoded back to back: one request of five replies. */
    private static byte[] transaction(KeyChooser keys, String value, SplittableRandom random) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        out.writeBytes(RespClient.encode("MULTI"));
        for (int i = 0; i < 3; i++) {
            out.writeBytes(RespClient.encode("SET", keyName(keys.next(random)), value));
        }
        out.writeBytes(RespClient.encode("EXEC"));
        return out.toByteArray();
    }

    private void countError(String text) {
        errors.incrementAndGet();
        lastErrorText = text;
    }

    private void countError(Object reply) {
        if (reply instanceof RespClient.RespError error) {
            countError(error.message());
        }
    }

    static String keyName(long record) {
        return "user" + record;
    }
}
