package de.nachruecker.load.bench;

import de.nachruecker.load.http.PlatformHttp;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes releases at a steady rate (open loop: the next request leaves on time whether or not the last one was
 * answered), one dose each, round robin over the centres, as the centres' staff.
 */
final class ReleaseLoad {

    /** A release slot-service accepted: {@code acceptedAt} is when its 201 reached the tool. */
    record Accepted(String releaseId, String centreId, Instant acceptedAt, double responseMillis) {
    }

    record Created(String id) {
    }

    private final PlatformHttp http;
    private final String releasesUrl;
    private final List<String> centres;
    private final List<Accepted> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refused = new AtomicInteger();

    ReleaseLoad(PlatformHttp http, String slotUrl, List<String> centres) {
        this.http = http;
        this.releasesUrl = slotUrl + "/api/releases";
        this.centres = List.copyOf(centres);
    }

    void run(int perSecond, Duration duration) {
        long count = duration.toSeconds() * perSecond;
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LockSupport.parkNanos(start + i * interval - System.nanoTime());
            inFlight.add(publish(centres.get(i % centres.size())));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<?> publish(String centreId) {
        Instant now = Instant.now();
        Map<String, Object> release = Map.of(
                "centreId", centreId, "product", "COMIRNATY", "doseCount", 1,
                "window", Map.of("from", now.toString(), "to", now.plus(Duration.ofHours(3)).toString()),
                "usableUntil", now.plus(Duration.ofHours(2)).toString());
        long sent = System.nanoTime();
        return http.postAsStaff(releasesUrl, release).thenAccept(response -> record(centreId, sent, response))
                .exceptionally(error -> {
                    if (refused.incrementAndGet() == 1) {
                        System.out.println("[load-tools] first failed release: " + error);
                    }
                    return null;
                });
    }

    private void record(String centreId, long sent, HttpResponse<String> response) {
        Instant at = Instant.now();
        if (response.statusCode() != 201) {
            if (refused.incrementAndGet() == 1) {
                System.out.println("[load-tools] first refused release: " + response.statusCode() + " "
                        + response.body());
            }
            return;
        }
        accepted.add(new Accepted(http.read(response, Created.class).id(), centreId, at,
                (System.nanoTime() - sent) / 1e6));
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    int refused() {
        return refused.get();
    }
}
