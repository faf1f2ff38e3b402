package de.nachruecker.notification.channel.sms;

import de.nachruecker.notification.delivery.model.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
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
 * Twilio Programmable Messaging, "create a Message resource": {@code POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/
 * Messages.json} with the form fields {@code To}, {@code From}, {@code Body} and HTTP basic auth AccountSid:AuthToken.
 * Twilio answers 201 with the message ({@code sid}, {@code status}); errors carry a JSON body with a numeric
 * {@code code} (e.g. 21211 invalid 'To' number, 21614 not a mobile number). 429 and 5xx are worth retrying; any other
 * 4xx means this number or this account will not work and the email is tried instead.
 */
public class TwilioSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;
    private final String accountSid;
    private final String authToken;
    private final String from;

    public TwilioSmsGateway(RestClient http, String accountSid, String authToken, String from) {
        this.http = http;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.from = from;
        if (!configured()) {
            log.warn("SMS gateway credentials or sender missing (nachruecker.notification.sms.*): "
                    + "every SMS fails and email is used instead");
        }
    }

    @Override
    public SendResult send(String to, String text) {
        if (!configured()) {
            return SendResult.permanentFailure("sms-not-configured");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from);
        form.add("Body", text);
        try {
            return http.post()
                    .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", accountSid)
                    .headers(headers -> headers.setBasicAuth(accountSid, authToken, StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> classify(response.getStatusCode(), response.getBody()));
        } catch (ResourceAccessException e) {
            return SendResult.transientFailure("sms-unreachable");
        } catch (RestClientException e) {
            return SendResult.transientFailure("sms-error");
        }
    }

    private static SendResult classify(HttpStatusCode status, InputStream body) {
        JsonNode answer = read(body);
        if (status.is2xxSuccessful()) {
            log.debug("SMS accepted by the gateway as {} ({})", answer.path("sid").asString(""),
                    answer.path("status").asString(""));
            return SendResult.sent();
        }
        if (status.value() == 429 || status.is5xxServerError()) {
            return SendResult.transientFailure("sms-http-" + status.value());
        }
        String code = answer.path("code").asString("");
        return SendResult.permanentFailure("sms-rejected:" + (code.isEmpty() ? "http-" + status.value() : code));
    }

    private static JsonNode read(InputStream body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return JSON.missingNode();
        }
    }

    private boolean configured() {
        return notBlank(accountSid) && notBlank(authToken) && notBlank(from);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
