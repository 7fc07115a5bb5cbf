/**
 * A Toxiproxy-compatible chaos proxy for ringkv's failure tests.
 *
 * <p>{@link io.ringkv.chaos.toxiproxy.ToxiproxyServer} serves the Toxiproxy 2.x HTTP API
 * ({@code api}) over a registry of TCP proxies ({@code proxy}); each connection's two streams run
 * through chains of toxics whose logic is pure ({@code toxic}: stages are fed events and times and
 * answer what to write when, so they are tested without sockets or clocks).
 *
 * <p>Invariants kept: bytes of a stream are written in the order they were read; a toxic change
 * reaches open connections at once and never loses data already read; a close of either side, by
 * a toxic or by the proxy closes both sockets; every thread is a named daemon that ends when its
 * proxy is disabled, deleted or the server closed.
 */
package io.ringkv.chaos.toxiproxy;
