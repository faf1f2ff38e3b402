package de.nachruecker.notification.channel.twilio;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import de.nachruecker.notification.delivery.model.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The call adapter against a real HTTP server answering the way Twilio's Calls API does. */
class TwilioVoiceGatewayTest {

    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Calls.json";
    private static final String TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"de-DE\">"
            + "Grüße &amp; mehr</Say></Response>";

    @RegisterExtension
    static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void createsTheCallWithInlineTwimlAndTakes201AsSent() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"CA0123\",\"status\":\"queued\"}")));

        SendResult result = gateway("+4956311234").call("+495631987654", TWIML);

        assertThat(result.isSent()).isTrue();
        twilio.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withBasicAuth(new BasicCredentials(SID, "secret"))
                .withFormParam("To", equalTo("+495631987654"))
                .withFormParam("From", equalTo("+4956311234"))
                .withFormParam("Twiml", equalTo(TWIML)));
    }

    @Test
    void failuresAreClassifiedAsForSms() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(gateway("+4956311234").call("+495631987654", TWIML))
                .isEqualTo(SendResult.transientFailure("voice-http-503"));

        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21205,\"message\":\"Url parameter is required.\",\"status\":400}")));
        assertThat(gateway("+4956311234").call("+495631987654", TWIML))
                .isEqualTo(SendResult.permanentFailure("voice-rejected:21205"));
    }

    @Test
    void withoutCallerNumberOrWithTooLongTwimlNothingIsCalled() {
        assertThat(gateway(null).call("+495631987654", TWIML))
                .isEqualTo(SendResult.permanentFailure("voice-not-configured"));
        assertThat(gateway("+4956311234").call("+495631987654", "x".repeat(4001)))
                .isEqualTo(SendResult.permanentFailure("voice-twiml-too-long"));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private static TwilioVoiceGateway gateway(String from) {
        return new TwilioVoiceGateway(new TwilioAccount(RestClient.create(twilio.baseUrl()), SID, "secret"), from);
    }
}
