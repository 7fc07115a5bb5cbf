package io.ringkv.chaos.toxiproxy.proxy;

import com.google.common.base.Preconditions;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A {@code host:port} address as the API writes it ({@code [v6]:port} for IPv6); an empty host means every interface. */
record HostPort(String host, int port) {

    HostPort {
        Preconditions.checkArgument(port >= 0 && port <= 65535, "port %s (expected: 0..65535)", port);
    }

    /** Parses {@code host:port}; throws IllegalArgumentException with the reason when it cannot. */
    static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        Preconditions.checkArgument(colon >= 0, "address %s: missing port in address", address);
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address " + address + ": invalid port", e);
        }
        Preconditions.checkArgument(port >= 0 && port <= 65535, "address %s: invalid port", address);
        return new HostPort(host, port);
    }

    /** Resolves the host (may block on DNS); an empty host is the wildcard address. */
    InetSocketAddress resolve() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The address of a bound or connected socket, with its IP rather than a name. */
    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return host + ":" + address.getPort();
    }
}
