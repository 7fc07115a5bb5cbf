package io.ringkv.chaos.toxiproxy.api;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** An answer of the API: a status and a JSON body, or no body at all (null) for 204. */
public record ApiResponse(int status, JsonElement body) {

    static ApiResponse ok(JsonElement body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(JsonElement body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    /** Toxiproxy's error shape; the Java client needs the string {@code error} to build its message. */
    static ApiResponse error(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        body.addProperty("status", status);
        return new ApiResponse(status, body);
    }
}
