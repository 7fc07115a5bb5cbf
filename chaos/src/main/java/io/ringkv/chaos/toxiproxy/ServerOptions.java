package io.ringkv.chaos.toxiproxy;

/** The command line of {@link ToxiproxyServer#main}: {@code [--host H] [--port P]}. */
record ServerOptions(String host, int port) {

    static final String USAGE = "usage: toxiproxy-server [--host HOST] [--port PORT]   (defaults: "
            + ToxiproxyServer.DEFAULT_HOST + ", " + ToxiproxyServer.DEFAULT_PORT + ")";

    /** Parses the arguments; throws IllegalArgumentException saying what is wrong. */
    static ServerOptions parse(String[] args) {
        String host = ToxiproxyServer.DEFAULT_HOST;
        int port = ToxiproxyServer.DEFAULT_PORT;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = parsePort(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ServerOptions(host, port);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new IllegalArgumentException("port " + value + " (expected: 0..65535)");
    }
}
