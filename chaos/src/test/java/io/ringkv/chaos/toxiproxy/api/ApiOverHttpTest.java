package io.ringkv.chaos.toxiproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ringkv.chaos.toxiproxy.ToxiproxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's JSON shapes, status codes and error bodies, checked with a plain HTTP client. */
class ApiOverHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ToxiproxyServer server;

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void proxiesAreAnObjectKeyedBySortedNameWithFullProxiesAndToxics() throws Exception {
        post("/proxies", "{\"name\": \"zeta\", \"listen\": \"localhost:0\", \"upstream\": \"127.0.0.1:1\", \"enabled\": false}");
        post("/proxies", "{\"name\": \"alpha\", \"listen\": \"localhost:0\", \"upstream\": \"127.0.0.1:1\"}");
        post("/proxies/alpha/toxics", "{\"type\": \"latency\", \"attributes\": {\"latency\": 50}}");

        HttpResponse<String> response = get("/proxies");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject proxies = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(new ArrayList<>(proxies.keySet())).containsExactly("alpha", "zeta");
        JsonObject alpha = proxies.getAsJsonObject("alpha");
        assertThat(alpha.keySet()).containsExactly("name", "listen", "upstream", "enabled", "toxics");
        assertThat(alpha.get("name").getAsString()).isEqualTo("alpha");
        assertThat(alpha.get("listen").getAsString()).as("localhost:0 comes back as the bound IP and port")
                .matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(alpha.get("upstream").getAsString()).isEqualTo("127.0.0.1:1");
        assertThat(alpha.get("enabled").getAsBoolean()).isTrue();
        JsonObject toxic = alpha.getAsJsonArray("toxics").get(0).getAsJsonObject();
        assertThat(toxic).isEqualTo(JsonParser.parseString("{\"name\": \"latency_downstream\", \"type\": \"latency\","
                + " \"stream\": \"downstream\", \"toxicity\": 1.0, \"attributes\": {\"latency\": 50, \"jitter\": 0}}"));
        JsonObject zeta = proxies.getAsJsonObject("zeta");
        assertThat(zeta.get("enabled").getAsBoolean()).isFalse();
        assertThat(zeta.getAsJsonArray("toxics")).isEmpty();
    }

    @Test
    void versionIsJson() throws Exception {
        HttpResponse<String> response = get("/version");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getAsJsonObject().get("version").getAsString()).matches("2\\.\\d+\\.\\d+");
    }

    @Test
    void createAnswersTheProxyWith201AndTheUpdatedToxicWithMergedAttributes() throws Exception {
        HttpResponse<String> created = post("/proxies", "{\"name\": \"p\", \"upstream\": \"127.0.0.1:1\"}");
        post("/proxies/p/toxics", "{\"name\": \"slices\", \"type\": \"slicer\", \"stream\": \"upstream\","
                + " \"attributes\": {\"average_size\": 10, \"delay\": 5}}");

        HttpResponse<String> updated = post("/proxies/p/toxics/slices", "{\"attributes\": {\"delay\": 7}}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).getAsJsonObject().get("name").getAsString()).isEqualTo("p");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).getAsJsonObject().getAsJsonObject("attributes")).isEqualTo(
                JsonParser.parseString("{\"average_size\": 10, \"size_variation\": 0, \"delay\": 7}"));
    }

    @Test
    void errorsCarryStatusAndMessageInToxiproxysShape() throws Exception {
        post("/proxies", "{\"name\": \"p\", \"upstream\": \"127.0.0.1:1\"}");

        assertError(get("/proxies/missing"), 404, "proxy not found");
        assertError(post("/proxies", "{\"name\": \"p\", \"upstream\": \"127.0.0.1:1\"}"), 409, "proxy already exists");
        assertError(post("/proxies", "{\"upstream\": \"127.0.0.1:1\"}"), 400, "missing required field: name");
        assertError(post("/proxies", "{\"name\": \"q\"}"), 400, "missing required field: upstream");
        assertError(post("/proxies", "not json"), 400, "bad request body");
        assertError(post("/proxies/p/toxics", "{\"type\": \"latency\", \"stream\": \"sideways\"}"), 400,
                "stream was invalid, can be either upstream or downstream");
        assertError(post("/proxies/p/toxics", "{\"type\": \"gremlins\"}"), 400, "invalid toxic type");
        assertError(get("/proxies/p/toxics/missing"), 404, "toxic not found");
        assertError(get("/nowhere"), 404, "not found");
        assertError(send(HttpRequest.newBuilder(uri("/version")).PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405, "method not allowed");
        assertError(send(HttpRequest.newBuilder(uri("/proxies")).header("User-Agent", "Mozilla/5.0")), 403, "User agent not allowed");
    }

    @Test
    void listenAddressInUseIs500WithTheSocketError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            HttpResponse<String> response = post("/proxies",
                    "{\"name\": \"p\", \"listen\": \"127.0.0.1:" + taken.getLocalPort() + "\", \"upstream\": \"127.0.0.1:1\"}");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).getAsJsonObject().get("error").getAsString()).contains("Address already in use");
            assertThat(get("/proxies/p").statusCode()).as("a proxy that cannot listen is not created").isEqualTo(404);
        }
    }

    @Test
    void resetWithoutBodyAnswers204AndDeleteToo() throws Exception {
        post("/proxies", "{\"name\": \"p\", \"upstream\": \"127.0.0.1:1\"}");

        HttpResponse<String> reset = send(HttpRequest.newBuilder(uri("/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/proxies/p")).DELETE());

        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(reset.body()).isEmpty();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(get("/proxies/p").statusCode()).isEqualTo(404);
    }

    @Test
    void populateCreatesMissingAndLeavesEqualProxiesAlone() throws Exception {
        post("/proxies", "{\"name\": \"kept\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"127.0.0.1:1\"}");
        String keptListen = json(get("/proxies/kept")).getAsJsonObject().get("listen").getAsString();
        post("/proxies/kept/toxics", "{\"type\": \"timeout\"}");

        HttpResponse<String> response = post("/populate", "[{\"name\": \"kept\", \"listen\": \"" + keptListen + "\","
                + " \"upstream\": \"127.0.0.1:1\"}, {\"name\": \"new\", \"upstream\": \"127.0.0.1:2\"}]");

        assertThat(response.statusCode()).isEqualTo(201);
        List<String> names = new ArrayList<>();
        json(response).getAsJsonObject().getAsJsonArray("proxies").forEach(p -> names.add(p.getAsJsonObject().get("name").getAsString()));
        assertThat(names).containsExactly("kept", "new");
        assertThat(json(get("/proxies/kept/toxics")).getAsJsonArray()).as("an equal proxy keeps its toxics").hasSize(1);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response)).isEqualTo(JsonParser.parseString("{\"error\": \"" + message + "\", \"status\": " + status + "}"));
    }

    private static JsonElement json(HttpResponse<String> response) {
        return JsonParser.parseString(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Posts as the Java client does: JSON labelled as a form. */
    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(server.url() + path);
    }
}
