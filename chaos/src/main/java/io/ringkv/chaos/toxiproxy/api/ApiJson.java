package io.ringkv.chaos.toxiproxy.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.ringkv.chaos.toxiproxy.proxy.ProxyConfig;
import io.ringkv.chaos.toxiproxy.proxy.ProxyPatch;
import io.ringkv.chaos.toxiproxy.proxy.ProxyRegistry.ProxyView;
import io.ringkv.chaos.toxiproxy.toxic.ToxicConfig;
import io.ringkv.chaos.toxiproxy.toxic.ToxiproxyException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The JSON shapes of the Toxiproxy API, both ways. Reading is strict about types (a string where a
 * number belongs is a bad request) and ignores unknown fields, as Go's decoder does.
 */
final class ApiJson {

    private static final String BAD_BODY = "bad request body";

    private ApiJson() {}

    static JsonObject proxy(ProxyView view) {
        JsonObject json = new JsonObject();
        json.addProperty("name", view.config().name());
        json.addProperty("listen", view.config().listen());
        json.addProperty("upstream", view.config().upstream());
        json.addProperty("enabled", view.config().enabled());
        JsonArray toxics = new JsonArray();
        view.toxics().all().forEach(toxic -> toxics.add(toxic(toxic)));
        json.add("toxics", toxics);
        return json;
    }

    static JsonObject toxic(ToxicConfig toxic) {
        JsonObject json = new JsonObject();
        json.addProperty("name", toxic.name());
        json.addProperty("type", toxic.type().wireName());
        json.addProperty("stream", toxic.stream().wireName());
        json.addProperty("toxicity", toxic.toxicity());
        JsonObject attributes = new JsonObject();
        toxic.attributes().forEach(attributes::addProperty);
        json.add("attributes", attributes);
        return json;
    }

    static JsonElement parse(byte[] body) {
        try {
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
    }

    static JsonObject object(JsonElement json) {
        if (!json.isJsonObject()) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
        return json.getAsJsonObject();
    }

    static JsonArray array(JsonElement json) {
        if (!json.isJsonArray()) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
        return json.getAsJsonArray();
    }

    /** A proxy to create; {@code listen} defaults to a free loopback port, {@code enabled} to true. */
    static ProxyConfig newProxy(JsonObject json) {
        String name = string(json, "name").filter(s -> !s.isEmpty())
                .orElseThrow(() -> ToxiproxyException.badRequest("missing required field: name"));
        String upstream = string(json, "upstream").filter(s -> !s.isEmpty())
                .orElseThrow(() -> ToxiproxyException.badRequest("missing required field: upstream"));
        String listen = string(json, "listen").filter(s -> !s.isEmpty()).orElse("127.0.0.1:0");
        return new ProxyConfig(name, listen, upstream, bool(json, "enabled").orElse(true));
    }

    static ProxyPatch proxyPatch(JsonObject json) {
        return new ProxyPatch(string(json, "listen"), string(json, "upstream"), bool(json, "enabled"));
    }

    static Optional<String> string(JsonObject json, String field) {
        JsonElement value = present(json, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonPrimitive primitive && primitive.isString())) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
        return Optional.of(primitive.getAsString());
    }

    static Optional<Boolean> bool(JsonObject json, String field) {
        JsonElement value = present(json, field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonPrimitive primitive && primitive.isBoolean())) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
        return Optional.of(primitive.getAsBoolean());
    }

    static OptionalDouble number(JsonObject json, String field) {
        JsonElement value = present(json, field);
        if (value == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(asNumber(value).doubleValue());
    }

    /** The {@code attributes} object as integers; absent means none given. */
    static Map<String, Long> attributes(JsonObject json) {
        JsonElement value = present(json, "attributes");
        Map<String, Long> attributes = new LinkedHashMap<>();
        if (value == null) {
            return attributes;
        }
        for (Map.Entry<String, JsonElement> entry : object(value).entrySet()) {
            attributes.put(entry.getKey(), asNumber(entry.getValue()).longValue());
        }
        return attributes;
    }

    private static Number asNumber(JsonElement value) {
        if (!(value instanceof JsonPrimitive primitive && primitive.isNumber())) {
            throw ToxiproxyException.badRequest(BAD_BODY);
        }
        return primitive.getAsNumber();
    }

    /** The field's value, or null when absent or JSON null (Go treats both as unset). */
    private static JsonElement present(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || value.isJsonNull() ? null : value;
    }
}
