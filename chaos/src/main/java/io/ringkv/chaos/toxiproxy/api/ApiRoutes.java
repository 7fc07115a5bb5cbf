package io.ringkv.chaos.toxiproxy.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.ringkv.chaos.toxiproxy.proxy.ProxyConfig;
import io.ringkv.chaos.toxiproxy.proxy.ProxyRegistry;
import io.ringkv.chaos.toxiproxy.proxy.ProxyRegistry.ProxyView;
import io.ringkv.chaos.toxiproxy.toxic.Direction;
import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import io.ringkv.chaos.toxiproxy.toxic.ToxicType;
import io.ringkv.chaos.toxiproxy.toxic.ToxiproxyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.UnaryOperator;

/**
 * The Toxiproxy HTTP API without the HTTP: a method, a path and a body in, an {@link ApiResponse}
 * out. Paths, status codes and messages follow Toxiproxy 2.x (see {@code toxiproxy-api.md}).
 */
public final class ApiRoutes {

    /** The Toxiproxy release whose API this one follows; 2.6 and later answer the version as JSON. */
    static final String COMPATIBLE_VERSION = "2.12.0";

    private final ProxyRegistry registry;

    public ApiRoutes(ProxyRegistry registry) {
        this.registry = registry;
    }

    public ApiResponse handle(String method, String path, byte[] body) {
        try {
            return route(method, segments(path), body);
        } catch (ToxiproxyException e) {
            return ApiResponse.error(statusOf(e.kind()), e.getMessage());
        }
    }

    private ApiResponse route(String method, List<String> path, byte[] body) {
        if (path.size() == 1) {
            switch (path.get(0)) {
                case "proxies":
                    return method.equals("GET") ? listProxies()
                            : method.equals("POST") ? createProxy(body) : methodNotAllowed();
                case "populate":
                    return method.equals("POST") ? populate(body) : methodNotAllowed();
                case "reset":
                    return method.equals("POST") ? reset() : methodNotAllowed();
                case "version":
                    return method.equals("GET") ? version() : methodNotAllowed();
                default:
                    return notFound();
            }
        }
        if (!path.get(0).equals("proxies") || path.size() > 4 || (path.size() > 2 && !path.get(2).equals("toxics"))) {
            return notFound();
        }
        String proxyName = path.get(1);
        if (path.size() == 2) {
            return proxyRoute(method, proxyName, body);
        }
        if (path.size() == 3) {
            return method.equals("GET") ? listToxics(proxyName)
                    : method.equals("POST") ? createToxic(proxyName, body) : methodNotAllowed();
        }
        return toxicRoute(method, proxyName, path.get(3), body);
    }

    private ApiResponse proxyRoute(String method, String name, byte[] body) {
        switch (method) {
            case "GET":
                return ApiResponse.ok(ApiJson.proxy(registry.get(name)));
            case "POST":
            case "PATCH":
                registry.get(name); // an unknown proxy is a 404 even when the body is bad
                ProxyView updated = registry.update(name, ApiJson.proxyPatch(ApiJson.object(ApiJson.parse(body))));
                return ApiResponse.ok(ApiJson.proxy(updated));
            case "DELETE":
                registry.delete(name);
                return ApiResponse.noContent();
            default:
                return methodNotAllowed();
        }
    }

    private ApiResponse toxicRoute(String method, String proxyName, String toxicName, byte[] body) {
        switch (method) {
            case "GET":
                return ApiResponse.ok(ApiJson.toxic(registry.toxics(proxyName).get(toxicName)));
            case "POST":
            case "PATCH":
                registry.toxics(proxyName).get(toxicName); // unknown names are a 404 even when the body is bad
                return ApiResponse.ok(ApiJson.toxic(registry.updateToxic(proxyName, toxicName, toxicChange(body))));
            case "DELETE":
                registry.removeToxic(proxyName, toxicName);
                return ApiResponse.noContent();
            default:
                return methodNotAllowed();
        }
    }

    private ApiResponse listProxies() {
        JsonObject proxies = new JsonObject();
        registry.all().forEach(view -> proxies.add(view.config().name(), ApiJson.proxy(view)));
        return ApiResponse.ok(proxies);
    }

    private ApiResponse createProxy(byte[] body) {
        ProxyConfig config = ApiJson.newProxy(ApiJson.object(ApiJson.parse(body)));
        return ApiResponse.created(ApiJson.proxy(registry.create(config)));
    }

    private ApiResponse populate(byte[] body) {
        List<ProxyConfig> configs = new ArrayList<>();
        for (JsonElement proxy : ApiJson.array(ApiJson.parse(body))) {
            configs.add(ApiJson.newProxy(ApiJson.object(proxy)));
        }
        JsonArray proxies = new JsonArray();
        registry.populate(configs).forEach(view -> proxies.add(ApiJson.proxy(view)));
        JsonObject answer = new JsonObject();
        answer.add("proxies", proxies);
        return ApiResponse.created(answer);
    }

    private ApiResponse reset() {
        registry.reset();
        return ApiResponse.noContent();
    }

    private ApiResponse version() {
        JsonObject answer = new JsonObject();
        answer.addProperty("version", COMPATIBLE_VERSION);
        return ApiResponse.ok(answer);
    }

    private ApiResponse listToxics(String proxyName) {
        JsonArray toxics = new JsonArray();
        registry.toxics(proxyName).all().forEach(toxic -> toxics.add(ApiJson.toxic(toxic)));
        return ApiResponse.ok(toxics);
    }

    private ApiResponse createToxic(String proxyName, byte[] body) {
        registry.toxics(proxyName); // an unknown proxy is a 404 even when the body is bad
        JsonObject json = ApiJson.object(ApiJson.parse(body));
        ToxicType type = ToxicType.fromWireName(ApiJson.string(json, "type").orElse(""));
        Direction stream = ApiJson.string(json, "stream").map(Direction::fromWireName).orElse(Direction.DOWNSTREAM);
        ToxicConfig toxic = ToxicConfig.of(ApiJson.string(json, "name").orElse(null), type, stream,
                ApiJson.number(json, "toxicity").orElse(1.0), ApiJson.attributes(json));
        return ApiResponse.ok(ApiJson.toxic(registry.addToxic(proxyName, toxic)));
    }

    /** An update changes the toxicity and merges attributes; other fields are ignored. */
    private static UnaryOperator<ToxicConfig> toxicChange(byte[] body) {
        JsonObject json = ApiJson.object(ApiJson.parse(body));
        OptionalDouble toxicity = ApiJson.number(json, "toxicity");
        Map<String, Long> attributes = ApiJson.attributes(json);
        return toxic -> {
            ToxicConfig changed = toxic.withAttributes(attributes);
            return toxicity.isPresent() ? changed.withToxicity(toxicity.getAsDouble()) : changed;
        };
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }

    private static ApiResponse notFound() {
        return ApiResponse.error(404, "not found");
    }

    private static ApiResponse methodNotAllowed() {
        return ApiResponse.error(405, "method not allowed");
    }

    private static int statusOf(ToxiproxyException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS -> 409;
            case LISTEN_FAILED -> 500;
        };
    }
}
