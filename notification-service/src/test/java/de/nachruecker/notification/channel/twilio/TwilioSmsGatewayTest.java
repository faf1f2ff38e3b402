package de.nachruecker.notification.channel.twilio;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import de.nachruecker.notification.delivery.model.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The adapter against a real HTTP server answering the way Twilio documents it. */
class TwilioSmsGatewayTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void postsTheFormWithBasicAuthAndTakes201AsSent() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(201,
                "{\"sid\":\"SM0123\",\"status\":\"queued\",\"num_segments\":\"1\"}")));

        SendResult result = gateway(twilio.baseUrl()).send("+4915112345678", "Grüße & Link?token=a+b");

        assertThat(result.isSent()).isTrue();
        twilio.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withBasicAuth(new BasicCredentials(SID, "secret"))
                .withFormParam("To", equalTo("+4915112345678"))
                .withFormParam("From", equalTo("Nachruecker"))
                .withFormParam("Body", equalTo("Grüße & Link?token=a+b")));
    }

    @Test
    void rateLimitAndServerErrorsAreTransient() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(429,
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
        assertThat(gateway(twilio.baseUrl()).send("+4915112345678", "x"))
                .isEqualTo(SendResult.transientFailure("sms-http-429"));

        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(502)));
        assertThat(gateway(twilio.baseUrl()).send("+4915112345678", "x"))
                .isEqualTo(SendResult.transientFailure("sms-http-502"));
    }

    @Test
    void clientErrorsArePermanentWithTwiliosErrorCode() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(json(400,
                "{\"code\":21614,\"message\":\"'To' number is not a valid mobile number\",\"status\":400}")));
        assertThat(gateway(twilio.baseUrl()).send("+4930123456", "x"))
                .isEqualTo(SendResult.permanentFailure("sms-rejected:21614"));

        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401)));
        assertThat(gateway(twilio.baseUrl()).send("+4915112345678", "x"))
                .isEqualTo(SendResult.permanentFailure("sms-rejected:http-401"));
    }

    @Test
    void anUnreachableGatewayIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(gateway("http://127.0.0.1:" + closedPort).send("+4915112345678", "x"))
                .isEqualTo(SendResult.transientFailure("sms-unreachable"));
    }

    @Test
    void withoutCredentialsNothingIsSentAndEmailTakesOver() {
        SendResult result = new TwilioSmsGateway(new TwilioAccount(RestClient.create(twilio.baseUrl()), SID, null), "Nachruecker")
                .send("+4915112345678", "x");

        assertThat(result).isEqualTo(SendResult.permanentFailure("sms-not-configured"));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private static TwilioSmsGateway gateway(String baseUrl) {
        return new TwilioSmsGateway(new TwilioAccount(RestClient.create(baseUrl), SID, "secret"), "Nachruecker");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
