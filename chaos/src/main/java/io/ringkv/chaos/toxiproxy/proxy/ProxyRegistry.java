package io.ringkv.chaos.toxiproxy.proxy;

import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import io.ringkv.chaos.toxiproxy.toxic.ToxicSet;
import io.ringkv.chaos.toxiproxy.toxic.ToxiproxyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * All proxies of one server by name: what the HTTP API operates on. Methods are atomic with respect
 * to each other; an answer's {@link ProxyView} is a consistent snapshot of one proxy.
 */
public final class ProxyRegistry implements AutoCloseable {

    /** A proxy's settings and toxics at one moment. */
    public record ProxyView(ProxyConfig config, ToxicSet toxics) {}

    private final LongSupplier nanoClock;
    private final Random random;
    private final TreeMap<String, LiveProxy> proxies = new TreeMap<>();

    /**
     * @param nanoClock monotonic nanoseconds, starting at 0 or above, that never go backwards
     * @param random source of toxicity draws, jitter and slice sizes
     */
    public ProxyRegistry(LongSupplier nanoClock, Random random) {
        this.nanoClock = nanoClock;
        this.random = random;
    }

    /** Every proxy, sorted by name (the Java client's listing test depends on the order). */
    public synchronized List<ProxyView> all() {
        return proxies.values().stream().map(ProxyRegistry::view).toList();
    }

    public synchronized ProxyView get(String name) {
        return view(proxy(name));
    }

    public synchronized ProxyView create(ProxyConfig config) {
        if (proxies.containsKey(config.name())) {
            throw ToxiproxyException.proxyAlreadyExists();
        }
        LiveProxy proxy = LiveProxy.start(config, nanoClock, random);
        proxies.put(config.name(), proxy);
        return view(proxy);
    }

    /** Creates the missing proxies, replaces those whose settings differ and leaves equal ones alone. */
    public synchronized List<ProxyView> populate(List<ProxyConfig> configs) {
        List<ProxyView> result = new ArrayList<>(configs.size());
        for (ProxyConfig config : configs) {
            LiveProxy existing = proxies.get(config.name());
            if (existing != null && existing.config().equals(config)) {
                result.add(view(existing));
                continue;
            }
            if (existing != null) {
                delete(config.name());
            }
            result.add(create(config));
        }
        return result;
    }

    public synchronized ProxyView update(String name, ProxyPatch patch) {
        LiveProxy proxy = proxy(name);
        proxy.update(patch);
        return view(proxy);
    }

    public synchronized void delete(String name) {
        LiveProxy proxy = proxy(name);
        proxies.remove(name);
        proxy.close();
    }

    /**
     * Removes every toxic and enables every proxy; deletes nothing. A proxy that cannot listen
     * again does not stop the others from being reset; the first such failure is reported after.
     */
    public synchronized void reset() {
        ToxiproxyException firstFailure = null;
        for (LiveProxy proxy : proxies.values()) {
            proxy.removeAllToxics();
            try {
                proxy.enable();
            } catch (ToxiproxyException e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    public synchronized ToxicSet toxics(String proxyName) {
        return proxy(proxyName).toxics();
    }

    public synchronized ToxicConfig addToxic(String proxyName, ToxicConfig toxic) {
        return proxy(proxyName).addToxic(toxic);
    }

    public synchronized ToxicConfig updateToxic(String proxyName, String toxicName, UnaryOperator<ToxicConfig> change) {
        return proxy(proxyName).updateToxic(toxicName, change);
    }

    public synchronized void removeToxic(String proxyName, String toxicName) {
        proxy(proxyName).removeToxic(toxicName);
    }

    /** Closes every proxy and waits (bounded) for their threads. */
    @Override
    public synchronized void close() {
        proxies.values().forEach(LiveProxy::close);
        proxies.clear();
    }

    private LiveProxy proxy(String name) {
        LiveProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw ToxiproxyException.proxyNotFound();
        }
        return proxy;
    }

    private static ProxyView view(LiveProxy proxy) {
        return new ProxyView(proxy.config(), proxy.toxics());
    }
}
