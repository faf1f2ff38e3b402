package de.nachruecker.load.http;

import de.nachruecker.load.ToolOptions;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP to the services, as staff where needed: HTTP Basic with a staff user ({@code --staff-user=admin},
 * {@code --staff-password=demo-password}: the local profile's demo admin, who may act for every centre and keep the
 * rules).
 */
public final class PlatformHttp {

    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient client = HttpClient.newBuilder()
            // open-loop load queues in the server's accept backlog: a short connect timeout would measure the client
            .connectTimeout(Duration.ofSeconds(30)).build();
    private final String basicAuth;

    public PlatformHttp(ToolOptions options) {
        String credentials = options.text("staff-user", "admin") + ":" + options.text("staff-password",
                "demo-password");
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public CompletableFuture<HttpResponse<String>> postAsStaff(String url, Object body) {
        return client.sendAsync(staff(url).POST(json(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> putAsStaff(String url, Object body) throws IOException, InterruptedException {
        return client.send(staff(url).PUT(json(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> getAsStaff(String url) throws IOException, InterruptedException {
        return client.send(staff(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As a citizen: no staff credentials. */
    public CompletableFuture<HttpResponse<String>> post(String url, Object body) {
        return client.sendAsync(request(url).POST(json(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public <T> T read(HttpResponse<String> response, Class<T> type) {
        return JSON.readValue(response.body(), type);
    }

    private HttpRequest.Builder staff(String url) {
        return request(url).header("Authorization", basicAuth);
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }
}
