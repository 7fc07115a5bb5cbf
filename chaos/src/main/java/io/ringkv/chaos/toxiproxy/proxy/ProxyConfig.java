package io.ringkv.chaos.toxiproxy.proxy;

import com.google.common.base.Preconditions;

/**
 * A proxy's settings as the API shows them. Once the proxy listens, {@code listen} is the bound
 * address (port 0 replaced by the real port), so re-enabling binds the same port again.
 */
public record ProxyConfig(String name, String listen, String upstream, boolean enabled) {

    public ProxyConfig {
        Preconditions.checkArgument(!name.isEmpty(), "proxy name is empty");
        Preconditions.checkNotNull(listen, "listen");
        Preconditions.checkNotNull(upstream, "upstream");
    }

    ProxyConfig withListen(String newListen) {
        return new ProxyConfig(name, newListen, upstream, enabled);
    }

    ProxyConfig withEnabled(boolean newEnabled) {
        return new ProxyConfig(name, listen, upstream, newEnabled);
    }

    /** This config with the fields the patch sets replaced. */
    ProxyConfig patched(ProxyPatch patch) {
        return new ProxyConfig(name,
                patch.listen().orElse(listen),
                patch.upstream().orElse(upstream),
                patch.enabled().orElse(enabled));
    }
}
