package io.ringkv.chaos.toxiproxy.proxy;

import java.util.Optional;

/** The fields of a proxy update request; absent ones keep their current value. */
public record ProxyPatch(Optional<String> listen, Optional<String> upstream, Optional<Boolean> enabled) {}
