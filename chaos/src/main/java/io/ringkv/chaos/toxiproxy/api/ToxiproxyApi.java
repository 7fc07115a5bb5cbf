package io.ringkv.chaos.toxiproxy.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP edge of {@link ApiRoutes} on the JDK's HTTP server. Bodies are read as JSON whatever
 * the Content-Type says (the Java client labels them form-encoded), every answer carries a
 * Content-Length (the client keeps connections alive), and browsers are turned away as Toxiproxy
 * does, so a web page cannot drive a chaos proxy on localhost.
 */
public final class ToxiproxyApi implements HttpHandler {

    private static final int MAX_REQUEST_BODY_BYTES = 1024 * 1024;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final System.Logger LOG = System.getLogger(ToxiproxyApi.class.getName());

    private final ApiRoutes routes;

    public ToxiproxyApi(ApiRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            send(exchange, answer(exchange));
        } finally {
            exchange.close();
        }
    }

    private ApiResponse answer(HttpExchange exchange) {
        String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
        if (userAgent != null && userAgent.startsWith("Mozilla/")) {
            return ApiResponse.error(403, "User agent not allowed");
        }
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body.length > MAX_REQUEST_BODY_BYTES) {
                return ApiResponse.error(413, "request body larger than " + MAX_REQUEST_BODY_BYTES + " bytes");
            }
            return routes.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "toxiproxy API " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI() + " failed", e);
            return ApiResponse.error(500, String.valueOf(e.getMessage()));
        }
    }

    /** Reads at most one byte more than allowed, enough to tell that a body is too large. */
    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_REQUEST_BODY_BYTES + 1);
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = (GSON.toJson(response.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
