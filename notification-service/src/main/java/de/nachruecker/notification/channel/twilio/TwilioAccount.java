package de.nachruecker.notification.channel.twilio;

import de.nachruecker.notification.delivery.model.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One Twilio account's REST API: {@code POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/<resource>.json} as a form,
 * HTTP basic auth AccountSid:AuthToken, and how its answers are read. Twilio answers 201 with the created resource
 * ({@code sid}, {@code status}); errors carry a JSON body with a numeric {@code code} (e.g. 21211 invalid 'To'
 * number). 429 and 5xx are worth retrying; any other 4xx means this number or this account will not work.
 * Messaging (SMS) and Programmable Voice (calls) share it.
 */
public final class TwilioAccount {

    private static final Logger log = LoggerFactory.getLogger(TwilioAccount.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String accountSid;
    private final String authToken;

    public TwilioAccount(RestClient http, String accountSid, String authToken) {
        this.http = http;
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    public boolean configured() {
        return notBlank(accountSid) && notBlank(authToken);
    }

    /**
     * Creates a resource; never throws for a failed request.
     *
     * @param resource     {@code Messages} or {@code Calls}
     * @param failurePrefix start of every failure detail, e.g. {@code sms} ({@code sms-http-503}, {@code sms-rejected:21211})
     */
    public SendResult create(String resource, MultiValueMap<String, String> form, String failurePrefix) {
        try {
            return http.post()
                    .uri("/2010-04-01/Accounts/{accountSid}/{resource}.json", accountSid, resource)
                    .headers(headers -> headers.setBasicAuth(accountSid, authToken, StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> classify(resource, response.getStatusCode(),
                            response.getBody(), failurePrefix));
        } catch (ResourceAccessException e) {
            return SendResult.transientFailure(failurePrefix + "-unreachable");
        } catch (RestClientException e) {
            return SendResult.transientFailure(failurePrefix + "-error");
        }
    }

    private static SendResult classify(String resource, HttpStatusCode status, InputStream body, String prefix) {
        JsonNode answer = read(body);
        if (status.is2xxSuccessful()) {
            log.debug("{} accepted by the gateway as {} ({})", resource, answer.path("sid").asString(""),
                    answer.path("status").asString(""));
            return SendResult.sent();
        }
        if (status.value() == 429 || status.is5xxServerError()) {
            return SendResult.transientFailure(prefix + "-http-" + status.value());
        }
        String code = answer.path("code").asString("");
        return SendResult.permanentFailure(prefix + "-rejected:" + (code.isEmpty() ? "http-" + status.value() : code));
    }

    private static JsonNode read(InputStream body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
