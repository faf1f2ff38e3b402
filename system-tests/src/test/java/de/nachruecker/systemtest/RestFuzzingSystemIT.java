package de.nachruecker.systemtest;

import de.nachruecker.systemtest.PlatformActions.Citizen;
import de.nachruecker.systemtest.RequestFuzzer.FuzzRequest;
import de.nachruecker.systemtest.RequestFuzzer.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #7, the REST half: every operation every service documents at {@code /v3/api-docs} gets random and
 * schema-violating parameters, bodies and headers, anonymously and with valid credentials (a citizen's access token
 * for the registration service, the demo administrator elsewhere). No answer may be a 5xx, and a refused request
 * (4xx) may not change the number of documents in any collection of the service's database. The seed is printed;
 * {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.requests=N} sets the requests per operation and caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(5)
class RestFuzzingSystemIT {

    private static final int PARALLEL_REQUESTS = 4;

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final int requestsPerCaller = Integer.getInteger("fuzz.requests", 100);
    private final RequestFuzzer fuzzer = new RequestFuzzer(new Random(seed));
    private final JsonMapper json = JsonMapper.builder().build();
    private PlatformActions platform;
    private PlatformStores stores;
    private Citizen citizen;

    @BeforeAll
    void startPlatform() throws Exception {
        LocalPlatformProcess process = LocalPlatformProcess.shared();
        platform = new PlatformActions(process);
        stores = new PlatformStores(process);
        citizen = platform.registerAndVerify("Fiona Fuzz", "1950-05-05", "+4915100000999", null, "schwalmstadt");
        System.out.printf("REST fuzzing with seed %s (rerun with -Dfuzz.seed=%s), %s requests per operation "
                + "and caller%n", seed, seed, requestsPerCaller);
    }

    @AfterAll
    void close() {
        stores.close();
    }

    @Test
    void noRequestGetsAServerErrorAndRefusedOnesStoreNothing() throws Exception {
        List<String> problems = new ArrayList<>();
        int sent = 0;
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
        try {
            for (Map.Entry<String, String> service : new TreeMap<>(platform.services()).entrySet()) {
                List<Operation> operations = RequestFuzzer.operations(service.getKey(), service.getValue(),
                        json.readTree(platform.get(service.getValue() + "/v3/api-docs").body()));
                assertThat(operations).as("operations of %s", service.getKey()).isNotEmpty();
                for (Operation operation : operations) {
                    Map<Integer, Integer> statuses = new TreeMap<>();
                    for (Map<String, String> credentials : List.of(Map.<String, String>of(),
                            credentialsFor(service.getKey()))) {
                        problems.addAll(fuzz(operation, credentials, senders, statuses));
                        sent += requestsPerCaller;
                    }
                    System.out.printf("%s: %s%n", operation.name(), statuses);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.printf("%s fuzzed requests, seed %s%n", sent, seed);
        assertThat(problems).as("seed %d", seed).isEmpty();
    }

    /**
     * One caller's batch against one operation, sent a few at a time. The service's document counts are compared
     * around the batch; a batch in which some change was accepted (2xx) cannot be judged that way and is listed.
     */
    private List<String> fuzz(Operation operation, Map<String, String> credentials, ExecutorService senders,
                              Map<Integer, Integer> statuses) throws Exception {
        List<FuzzRequest> requests = new ArrayList<>();
        for (int i = 0; i < requestsPerCaller; i++) {
            requests.add(fuzzer.next(operation, credentials));
        }
        TreeMap<String, Long> before = stores.counts(operation.service());
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (FuzzRequest request : requests) {
            responses.add(senders.submit(() -> send(request)));
        }
        List<String> problems = new ArrayList<>();
        boolean changeAccepted = false;
        for (int i = 0; i < requests.size(); i++) {
            FuzzRequest request = requests.get(i);
            HttpResponse<String> response = responses.get(i).get(60, TimeUnit.SECONDS);
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500) {
                problems.add(operation.name() + " answered " + status + " to " + request.describe() + ": "
                        + abbreviate(response.body()));
            }
            if (status < 300 && !request.method().equals("GET")) {
                changeAccepted = true;
                System.out.printf("accepted (%s): %s%n", status, request.describe());
            }
        }
        TreeMap<String, Long> after = stores.counts(operation.service());
        if (!changeAccepted && !after.equals(before)) {
            problems.add(operation.name() + ": every request was refused, yet the documents of "
                    + operation.service() + " went from " + before + " to " + after);
        }
        return problems;
    }

    private HttpResponse<String> send(FuzzRequest request) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(request.url()))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(http::header);
        return platform.send(http);
    }

    private Map<String, String> credentialsFor(String service) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (service.equals("registration-service")) {
            headers.put("Authorization", "Bearer " + citizen.accessToken());
        } else {
            headers.put("Authorization", Staff.ADMIN.authorization());
        }
        return headers;
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
