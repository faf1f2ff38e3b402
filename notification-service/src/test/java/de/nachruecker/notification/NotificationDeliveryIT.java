package de.nachruecker.notification;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateContactChanged;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationChannel;
import de.nachruecker.events.notification.NotificationFailed;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.notification.NotificationSent;
import de.nachruecker.events.notification.NotificationStatusEvent;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.contact.model.Contact;
import de.nachruecker.notification.delivery.application.Deliveries;
import de.nachruecker.notification.delivery.model.Channel;
import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import de.nachruecker.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.bson.Document;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import de.nachruecker.support.personaldata.MessageSecrets;
import de.nachruecker.support.personaldata.PersonalData;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import de.nachruecker.support.testing.RealBrokerAndDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole delivery path against a real broker, the MongoDB-protocol server, a real SMTP server (GreenMail) and a
 * real HTTP server standing in for the Twilio API (WireMock).
 */
@RealBrokerAndDatabase
@SpringBootTest(properties = {
        "nachruecker.topics.partitions=1",
        "nachruecker.outbox.sweep-interval=1s",
        "nachruecker.notification.sms.account-sid=" + NotificationDeliveryIT.ACCOUNT,
        "nachruecker.notification.sms.auth-token=test-token",
        "nachruecker.notification.sms.from=+4915100000001",
        "nachruecker.notification.voice.from=" + NotificationDeliveryIT.CALLER,
        "nachruecker.notification.delivery.poll-interval=100ms",
        "nachruecker.notification.delivery.initial-backoff=200ms",
        "nachruecker.notification.delivery.max-backoff=1s",
        "nachruecker.notification.delivery.max-attempts-per-channel=3",
        "nachruecker.notification.delivery.contact-wait=20s",
        "nachruecker.notification.delivery.contact-retry-interval=200ms",
        "nachruecker.notification.outbox-page.enabled=true",
        "nachruecker.security.staff-users[0].username=" + NotificationDeliveryIT.OPS_USER,
        "nachruecker.security.staff-users[0].password=" + NotificationDeliveryIT.OPS_PASSWORD_HASH,
        "nachruecker.security.staff-users[0].roles=OPS",
        "spring.mail.host=127.0.0.1"})
@AutoConfigureMockMvc
class NotificationDeliveryIT {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final String CALLS_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    static final String CALLER = "+4956310000001";
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Quiet hours around the time the tests run (an hour ago to two hours ahead), so that holding calls shows. */
    static final LocalTime QUIET_START = LocalTime.now(BERLIN).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
    static final LocalTime QUIET_END = QUIET_START.plusHours(3);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String OPS_USER = "ops-test";
    static final String REQUESTS_BINDING = "notificationRequests-in-0";
    static final String OPS_PASSWORD = "ops-test-password";
    /** bcrypt of {@link #OPS_PASSWORD}. */
    static final String OPS_PASSWORD_HASH = "{bcrypt}$2a$10$RZwCW35Wo6KPQN1xLa5Vhu40oqQgG8Hizuf.d3t52b09wRAl4TfrG";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static WireMockExtension smsGateway = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("nachruecker.notification.sms.base-url", smsGateway::baseUrl);
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("nachruecker.notification.voice.quiet-hours.start", QUIET_START::toString);
        registry.add("nachruecker.notification.voice.quiet-hours.end", QUIET_END::toString);
    }

    @Autowired
    EventPublisher publisher;
    @Autowired
    PersonalDataKeys keys;
    @Autowired
    PersonalData personalData;
    @Autowired
    EventCodec codec;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Contacts contacts;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc web;
    @Autowired
    MessageSecrets messageSecrets;
    @Autowired
    BindingsLifecycleController bindings;

    Consumer<String, byte[]> statusConsumer;

    @BeforeEach
    void subscribeToStatus() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "status-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        statusConsumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer();
        statusConsumer.subscribe(List.of(Topics.NOTIFICATION_STATUS.name()));
    }

    @AfterEach
    void close() {
        statusConsumer.close();
    }

    @Test
    void offerIsSentOnceBySmsEvenWhenTheRequestIsDeliveredTwice() {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345678", "erika@example.org", "de");
        NotificationRequested offer = offerRequest(newId("offer"), candidate, "tok-once-1");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, offer);
        // produced twice (a producer's retry): a second request under a key of its own, which is of no use
        NotificationRequested again = offerRequest(offer.notificationId(), candidate, "tok-once-1");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, again);
        // same key, same partition: once this one is sent, the duplicate before it has been consumed
        String marker = newId("too-late");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, request(marker, candidate, MessageTemplate.TOO_LATE,
                Map.of()));

        awaitFinal(marker, DeliveryState.SENT);
        Delivery delivery = awaitFinal(offer.notificationId(), DeliveryState.SENT);
        assertThat(delivery.channel()).isEqualTo(Channel.SMS);
        assertThat(delivery.attempts()).isEqualTo(1);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("tok-once-1")));
        smsGateway.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT, "test-token"))
                .withRequestBody(containing("To=%2B4915112345678"))
                .withRequestBody(containing("From=%2B4915100000001"))
                .withRequestBody(containing("offers%2Fanswer%3Ftoken%3Dtok-once-1")));
        assertThat(opens(offer)).as("sent: the token on the topic opens no more").isFalse();
        assertThat(opens(again)).as("the duplicate's key went with it").isFalse();
        NotificationStatusEvent status = awaitStatus(offer.notificationId());
        assertThat(status).isInstanceOf(NotificationSent.class);
        assertThat(((NotificationSent) status).channel()).isEqualTo(NotificationChannel.SMS);
        assertThat(status.candidateId()).isEqualTo(candidate);
        assertThat(status.template()).isEqualTo(MessageTemplate.OFFER);
        assertThat(smtp.getReceivedMessagesForDomain("erika@example.org")).isEmpty();
        assertThat(meters.find("notifications.delivery.latency").tags("channel", "SMS", "template", "OFFER")
                .timer()).isNotNull().satisfies(timer -> assertThat(timer.count()).isPositive());
        assertThat(meters.find("notifications.sent").tags("channel", "SMS", "template", "OFFER").counter())
                .isNotNull();
    }

    /**
     * One poll (the binding stopped while they are published) holds an offer, the same offer produced again under a
     * key of its own, the first record redelivered, and a second offer to the same person: stored with one insert,
     * each message goes out once, and the useless key goes. (Their order is kept only where both are claimed in one
     * batch, which depends on the workers' timing: {@code DeliveringNotificationsTest} checks it.)
     */
    @Test
    void aPollWithADuplicateAndARedeliveredRecordSendsEachMessageOnce() {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345679", null, "de");
        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());
        NotificationRequested first = offerRequest(newId("offer"), candidate, "tok-poll-1");
        NotificationRequested producedAgain = offerRequest(first.notificationId(), candidate, "tok-poll-1");
        NotificationRequested second = offerRequest(newId("offer"), candidate, "tok-poll-2");

        bindings.changeState(REQUESTS_BINDING, BindingsLifecycleController.State.STOPPED);
        try {
            publisher.publish(Topics.NOTIFICATION_REQUESTS, first);
            publisher.publish(Topics.NOTIFICATION_REQUESTS, producedAgain);
            publisher.publish(Topics.NOTIFICATION_REQUESTS, first); // the same record once more (redelivered)
            publisher.publish(Topics.NOTIFICATION_REQUESTS, second);
        } finally {
            bindings.changeState(REQUESTS_BINDING, BindingsLifecycleController.State.STARTED);
        }

        awaitFinal(first.notificationId(), DeliveryState.SENT);
        awaitFinal(second.notificationId(), DeliveryState.SENT);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("tok-poll-1")));
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("tok-poll-2")));
        assertThat(opens(first)).as("sent: its key went").isFalse();
        assertThat(opens(producedAgain)).as("the duplicate's key went").isFalse();
        assertThat(opens(second)).isFalse();
    }

    /**
     * A landline gets the offer as one call (never an SMS), also when the request arrives twice; the call reads the
     * offer and posts the key to registration-service with the offer's token. The quiet hours are on, but the offer's
     * deadline comes before they end, so it rings now.
     */
    @Test
    void aLandlineGetsTheOfferAsOneCallThatPostsTheKeyToRegistration() throws Exception {
        String candidate = newId("c");
        stubSmsAccepted();
        stubCalls(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"CA0123\",\"status\":\"queued\"}"));
        publishContact(candidate, "+495631123456", null, "de", PhoneKind.LANDLINE);
        NotificationRequested offer = offerRequest(newId("offer"), candidate, "tok-voice-1");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, offer);
        // produced twice (a producer's retry): a second request under a key of its own, which is of no use
        NotificationRequested again = offerRequest(offer.notificationId(), candidate, "tok-voice-1");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, again);
        String marker = newId("too-late");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, request(marker, candidate, MessageTemplate.TOO_LATE,
                Map.of()));

        awaitFinal(marker, DeliveryState.SENT);
        Delivery delivery = awaitFinal(offer.notificationId(), DeliveryState.SENT);
        assertThat(delivery.channel()).isEqualTo(Channel.VOICE);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(CALLS_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT, "test-token"))
                .withRequestBody(containing("To=%2B495631123456"))
                .withRequestBody(containing("From=%2B4956310000001"))
                .withRequestBody(containing("tok-voice-1")));
        String twiml = smsGateway.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().endsWith("/Calls.json"))
                .map(event -> event.getRequest().formParameter("Twiml").firstValue())
                .filter(body -> body.contains("tok-voice-1")).findFirst().orElseThrow();
        assertThat(twiml).contains("<Gather input=\"dtmf\" numDigits=\"1\"",
                "action=\"http://localhost:8081/voice/offers/answer?token=tok-voice-1&amp;lang=de\"",
                "<Say language=\"de-DE\">", "Impfzentrum Waldeck-Frankenberg", "Drücken Sie die 1");
        smsGateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=%2B495631123456")));
        assertThat(((NotificationSent) awaitStatus(offer.notificationId())).channel())
                .isEqualTo(NotificationChannel.VOICE);
        web.perform(get("/api/outbox").header("Authorization", opsBasic()))
                .andExpect(jsonPath("$[?(@.candidateId == '" + candidate + "')].channel").value(hasItem("VOICE")))
                .andExpect(jsonPath("$[?(@.candidateId == '" + candidate + "')].text")
                        .value(hasItem(containsString("Drücken Sie die 1"))));
    }

    @Test
    void aCallTheGatewayCannotTakeNowIsRetried() {
        String candidate = newId("c");
        smsGateway.stubFor(post(urlPathEqualTo(CALLS_PATH)).inScenario("busy-voice")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        smsGateway.stubFor(post(urlPathEqualTo(CALLS_PATH)).inScenario("busy-voice")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"CA1\"}")));
        publishContact(candidate, "+495631123457", null, "en", PhoneKind.LANDLINE);
        String id = newId("code");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, sealedRequest(id, candidate,
                MessageTemplate.VERIFICATION_CODE, Map.of("code", "482913")));

        Delivery delivery = awaitFinal(id, DeliveryState.SENT);
        assertThat(delivery.channel()).isEqualTo(Channel.VOICE);
        assertThat(delivery.attempts()).isEqualTo(2);
        smsGateway.verify(exactly(2), postRequestedFor(urlPathEqualTo(CALLS_PATH))
                .withRequestBody(containing("4%2C+8%2C+2%2C+9%2C+1%2C+3")));
    }

    /** In quiet hours an offer that can still be answered after them waits; a code asked for just now does not. */
    @Test
    void anOfferCallInQuietHoursWaitsForTheirEndWhenItsDeadlineAllows() {
        String candidate = newId("c");
        stubCalls(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"CA2\"}"));
        publishContact(candidate, "+495631123458", null, "de", PhoneKind.LANDLINE);
        double heldBefore = meters.find("notifications.calls.held").tags("template", "OFFER").counter().count();
        String offerId = newId("offer");
        NotificationRequested offer = offerRequest(offerId, candidate, "tok-quiet");
        Map<String, String> laterDeadline = new java.util.HashMap<>(offer.parameters());
        laterDeadline.put("answerDeadline", Instant.now().plus(Duration.ofHours(6)).toString());
        String code = newId("code");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, messageSecrets.request(Instant.now(), offerId,
                candidate, MessageTemplate.OFFER, laterDeadline, Map.of("answerToken", "tok-quiet")));
        publisher.publish(Topics.NOTIFICATION_REQUESTS, sealedRequest(code, candidate,
                MessageTemplate.VERIFICATION_CODE, Map.of("code", "111222")));

        awaitFinal(code, DeliveryState.SENT);
        await().atMost(WAIT).until(() -> meters.find("notifications.calls.held").tags("template", "OFFER")
                .counter().count() > heldBefore);
        Delivery held = deliveries.find(offerId).orElseThrow();
        assertThat(held.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(held.attempts()).isZero();
        assertThat(held.nextAttemptAt().atZone(BERLIN).toLocalTime()).isEqualTo(QUIET_END);
        smsGateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(CALLS_PATH))
                .withRequestBody(containing("tok-quiet")));
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(CALLS_PATH))
                .withRequestBody(containing("To=%2B495631123458")));
    }

    /**
     * allocation-service derives the ids of receipts from the offer ("confirmation:" / "too-late:" + offer id): a
     * request produced again (outbox sweep after a crash, a repeated answer) or consumed again after a restart or
     * rebalance carries a new event id but the same notification id, and also after the first one was sent it is
     * recognised and not sent again.
     */
    @Test
    void aReceiptRequestedAgainAfterItWasSentIsNotSentAgain() {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345670", null, "de");
        String offerId = newId("offer");
        Instant from = Instant.now().plus(Duration.ofHours(1));
        Map<String, String> appointment = Map.of("centreName", "Impfzentrum Kassel",
                "centreAddress", "Demo-Straße 2, 34117 Kassel", "product", "COMIRNATY",
                "windowFrom", from.toString(), "windowTo", from.plus(Duration.ofMinutes(90)).toString(),
                "offerId", offerId);
        NotificationRequested confirmation = request("confirmation:" + offerId, candidate,
                MessageTemplate.CONFIRMATION, appointment);
        NotificationRequested tooLate = request("too-late:" + offerId, candidate, MessageTemplate.TOO_LATE,
                appointment);
        publisher.publish(Topics.NOTIFICATION_REQUESTS, confirmation);
        publisher.publish(Topics.NOTIFICATION_REQUESTS, tooLate);
        awaitFinal(confirmation.notificationId(), DeliveryState.SENT);
        awaitFinal(tooLate.notificationId(), DeliveryState.SENT);

        publisher.publish(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), Instant.now(),
                confirmation.notificationId(), candidate, confirmation.template(), confirmation.parameters()));
        publisher.publish(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), Instant.now(),
                tooLate.notificationId(), candidate, tooLate.template(), tooLate.parameters()));
        // same key, same partition: once this one is sent, the repeats before it have been consumed
        String marker = newId("marker");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, request(marker, candidate, MessageTemplate.WITHDRAWAL_RECEIPT,
                Map.of()));
        awaitFinal(marker, DeliveryState.SENT);

        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=%2B4915112345670")).withRequestBody(containing("best%C3%A4tigt")));
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=%2B4915112345670")).withRequestBody(containing("sp%C3%A4t")));
        smsGateway.verify(exactly(3), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=%2B4915112345670")));
        assertThat(deliveries.find(confirmation.notificationId())).get()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    void retriesAfterTheGatewayAnswers503() {
        String candidate = newId("c");
        smsGateway.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20503,\"message\":\"Service unavailable\",\"status\":503}"))
                .willSetStateTo("recovered"));
        smsGateway.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("busy")
                .whenScenarioStateIs("recovered")
                .willReturn(accepted()));
        double retriesBefore = retries();
        publishContact(candidate, "+4915112345679", null, "de");
        String id = newId("offer");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, offerRequest(id, candidate, "tok-503"));

        Delivery delivery = awaitFinal(id, DeliveryState.SENT);
        assertThat(delivery.channel()).isEqualTo(Channel.SMS);
        assertThat(delivery.attempts()).isEqualTo(2);
        smsGateway.verify(exactly(2), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        assertThat(retries()).isEqualTo(retriesBefore + 1);
        NotificationStatusEvent status = awaitStatus(id);
        assertThat(status).isInstanceOf(NotificationSent.class);
        assertThat(status.attempt()).isEqualTo(2);
    }

    @Test
    void aNumberTheGatewayRejectsGetsTheEmailInstead() throws Exception {
        String candidate = newId("c");
        smsGateway.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}")));
        String address = candidate + "@example.org";
        publishContact(candidate, "+4915112345670", address, "en");
        String id = newId("offer");

        publisher.publish(Topics.NOTIFICATION_REQUESTS, offerRequest(id, candidate, "tok-fallback"));

        Delivery delivery = awaitFinal(id, DeliveryState.SENT);
        assertThat(delivery.channel()).isEqualTo(Channel.EMAIL);
        assertThat(delivery.attempts()).isEqualTo(2);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        MimeMessage[] mails = smtp.getReceivedMessagesForDomain(address);
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).startsWith("Vaccination offer");
        assertThat((String) mails[0].getContent())
                .startsWith("Hello Erika M.,")
                .contains("http://localhost:8081/offers/answer?token=tok-fallback");
        NotificationStatusEvent status = awaitStatus(id);
        assertThat(((NotificationSent) status).channel()).isEqualTo(NotificationChannel.EMAIL);
    }

    @Test
    void anErasedContactIsNeverMessaged() {
        String candidate = newId("c");
        stubSmsAccepted();
        String address = candidate + "@example.org";
        publishContact(candidate, "+4915112345671", address, "de");
        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());

        publisher.publishTombstone(Topics.CANDIDATE_CONTACTS, candidate);
        await().atMost(WAIT).until(() -> contacts.find(candidate).map(Contact::erased).orElse(false));
        String id = newId("offer");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, offerRequest(id, candidate, "tok-erased"));

        Delivery delivery = awaitFinal(id, DeliveryState.FAILED);
        assertThat(delivery.lastFailure()).isEqualTo(Delivery.CONTACT_ERASED);
        assertThat(delivery.attempts()).isZero();
        assertThat(contacts.find(candidate)).get()
                .satisfies(erased -> assertThat(erased.phone()).isNull())
                .satisfies(erased -> assertThat(erased.email()).isNull())
                .satisfies(erased -> assertThat(erased.name()).isNull());
        smsGateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
        assertThat(smtp.getReceivedMessagesForDomain(address)).isEmpty();
        NotificationStatusEvent status = awaitStatus(id);
        assertThat(status).isInstanceOf(NotificationFailed.class);
        assertThat(((NotificationFailed) status).reason()).isEqualTo(Delivery.CONTACT_ERASED);
    }

    @Test
    void aContactWhoseKeyIsGoneCountsAsErasedAndIsNeitherKeptNorDeadLettered() {
        String candidate = newId("c");
        keys.create(candidate);
        CandidateContactChanged sealedBeforeErasure = new CandidateContactChanged(UUID.randomUUID(), Instant.now(),
                candidate, personalData.seal(candidate, CandidateContactChanged.TYPE,
                        new CandidateContactChanged.Details("Erika Mustermann", "+4915112345679", null)),
                "de", PhoneKind.MOBILE);
        keys.delete(candidate);
        publisher.publish(Topics.CANDIDATE_CONTACTS, sealedBeforeErasure);
        // the same key, so the same partition, after it: once this is kept, the first record was dealt with
        publishContact(candidate, "+4915112345670", null, "en");

        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());
        assertThat(contacts.find(candidate).orElseThrow().phone()).isEqualTo("+4915112345670");
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> deadLetters = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            TopicPartition deadLetterPartition =
                    new TopicPartition(Topics.deadLettersOf(Topics.CANDIDATE_CONTACTS.name()), 0);
            deadLetters.assign(List.of(deadLetterPartition));
            deadLetters.seekToBeginning(List.of(deadLetterPartition));
            long end = deadLetters.endOffsets(List.of(deadLetterPartition)).get(deadLetterPartition);
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(dead::add);
                return deadLetters.position(deadLetterPartition) >= end;
            });
            assertThat(dead).extracting(ConsumerRecord::key).doesNotContain(candidate);
        }
    }

    @Test
    void aContactThatDoesNotDecodeGoesToTheDeadLettersAndTheOthersOfItsPollAreKept() {
        String before = newId("c");
        String malformed = newId("c-malformed");
        String after = newId("c");
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> deadLetters = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            deadLetters.subscribe(List.of(Topics.deadLettersOf(Topics.CANDIDATE_CONTACTS.name())));

            publishContact(before, "+4915112345671", null, "de");
            publisher.send(Topics.CANDIDATE_CONTACTS.name(), malformed, UUID.randomUUID().toString(),
                    CandidateContactChanged.TYPE, "{\"candidateId\":".getBytes(StandardCharsets.UTF_8));
            publishContact(after, "+4915112345672", null, "en");

            List<String> deadKeys = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> deadKeys.add(record.key()));
                return deadKeys.contains(malformed);
            });
            await().atMost(WAIT).until(() -> contacts.find(before).isPresent() && contacts.find(after).isPresent());
            assertThat(deadKeys).doesNotContain(before, after);
            assertThat(contacts.find(after).orElseThrow().phone()).isEqualTo("+4915112345672");
        }
    }

    @Test
    void aRequestThatArrivesBeforeTheContactWaitsForIt() {
        String candidate = newId("c");
        stubSmsAccepted();
        String id = newId("code");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, sealedRequest(id, candidate,
                MessageTemplate.VERIFICATION_CODE, Map.of("code", "482913")));
        await().atMost(WAIT).until(() -> deliveries.find(id).isPresent());

        publishContact(candidate, "+4915112345672", null, "de");

        awaitFinal(id, DeliveryState.SENT);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("482913")));
    }

    @Test
    void readApisShowTheDeliveryWithoutItsMessageAndTheLocalOutboxWithIt() throws Exception {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345673", null, "de");
        String id = newId("offer");
        publisher.publish(Topics.NOTIFICATION_REQUESTS, offerRequest(id, candidate, "tok-read-api"));
        awaitFinal(id, DeliveryState.SENT);

        web.perform(get("/api/deliveries/{id}", id).header("Authorization", opsBasic()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notificationId").value(id))
                .andExpect(jsonPath("$.status").value("SENT"))
                .andExpect(jsonPath("$.channel").value("SMS"))
                .andExpect(jsonPath("$.attempts").value(1))
                .andExpect(content().string(not(containsString("tok-read-api"))));
        web.perform(get("/api/deliveries/{id}", "unknown-notification").header("Authorization", opsBasic()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Unknown notification"));
        web.perform(get("/api/outbox").header("Authorization", opsBasic()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.candidateId == '" + candidate + "')].recipient")
                        .value("+4915112345673"))
                .andExpect(jsonPath("$[?(@.candidateId == '" + candidate + "')].channel").value("SMS"))
                .andExpect(jsonPath("$[?(@.candidateId == '" + candidate + "')].text")
                        .value(hasItem(containsString("http://localhost:8081/offers/answer?token=[…]"))))
                .andExpect(content().string(not(containsString("tok-read-api"))));
        web.perform(get("/outbox").session(signedInOps()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(containsString("http://localhost:8081/offers/answer?token=[&hellip;]")))
                .andExpect(content().string(not(containsString("tok-read-api"))));
    }

    /**
     * The raw answer token and the verification code let their reader answer an offer or verify a phone: once the
     * message is sent (or given up), no document of the service's database holds them, whatever the collection.
     */
    @Test
    void noTokenOrCodeIsLeftInTheDatabaseOnceTheMessageIsSentOrGivenUp() throws Exception {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345675", null, "de");
        String token = "tok-at-rest-" + UUID.randomUUID();
        String code = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        String offer = newId("offer");
        String verification = newId("code");
        String unrenderable = newId("offer");
        String erased = newId("c");
        String forErased = newId("code");
        String erasedCode = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        publishContact(erased, "+4915112345676", null, "de");
        await().atMost(WAIT).until(() -> contacts.find(erased).isPresent());
        publisher.publishTombstone(Topics.CANDIDATE_CONTACTS, erased);
        await().atMost(WAIT).until(() -> contacts.find(erased).map(Contact::erased).orElse(false));

        List<NotificationRequested> requests = List.of(offerRequest(offer, candidate, token),
                sealedRequest(verification, candidate, MessageTemplate.VERIFICATION_CODE, Map.of("code", code)),
                // an offer without its appointment cannot be rendered: given up at once, token and all
                sealedRequest(unrenderable, candidate, MessageTemplate.OFFER, Map.of("answerToken", token + "-x")),
                sealedRequest(forErased, erased, MessageTemplate.VERIFICATION_CODE, Map.of("code", erasedCode)));
        requests.forEach(request -> publisher.publish(Topics.NOTIFICATION_REQUESTS, request));

        awaitFinal(offer, DeliveryState.SENT);
        awaitFinal(verification, DeliveryState.SENT);
        awaitFinal(unrenderable, DeliveryState.FAILED);
        awaitFinal(forErased, DeliveryState.FAILED);
        assertThat(requests).as("sent or given up: the secrets of the records on the topic open no more")
                .noneMatch(this::opens);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing(token)));
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing(code)));

        Document sent = mongo.getCollection("deliveries").find(new Document("_id", offer)).first();
        assertThat(sent).isNotNull();
        assertThat(sent.get("parameters", Document.class)).containsKey("centreName")
                .doesNotContainKey("answerToken");
        List<String> leaks = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                String json = document.toJson();
                for (String secret : List.of(token, code, erasedCode)) {
                    if (json.contains(secret)) {
                        leaks.add(collection + " " + document.get("_id") + " holds " + secret);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(deliveries.find(verification)).get()
                .satisfies(delivery -> assertThat(delivery.parameters()).isEmpty());
        String outbox = web.perform(get("/api/outbox").header("Authorization", opsBasic()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(outbox).contains(candidate).doesNotContain(token).doesNotContain(code);
    }

    /**
     * A message whose key is gone before it was sent (its person erased, or the key expired) is given up, not sent:
     * the secret was never readable again; and the erasure of a contact ends the secrets still waiting for them.
     */
    @Test
    void aMessageWhoseKeyIsGoneIsGivenUpAndAnErasedContactsWaitingSecretsEnd() {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345677", null, "de");
        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());
        String code = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        String id = newId("code");
        NotificationRequested keyGone = sealedRequest(id, candidate, MessageTemplate.VERIFICATION_CODE,
                Map.of("code", code));
        messageSecrets.discard(keyGone.eventId().toString());

        publisher.publish(Topics.NOTIFICATION_REQUESTS, keyGone);

        assertThat(awaitFinal(id, DeliveryState.FAILED).lastFailure()).isEqualTo(Delivery.SECRETS_GONE);
        smsGateway.verify(exactly(0), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing(code)));

        String waiting = newId("c");
        NotificationRequested forWaiting = sealedRequest(newId("code"), waiting, MessageTemplate.VERIFICATION_CODE,
                Map.of("code", "654321"));
        publishContact(waiting, "+4915112345679", null, "de");
        await().atMost(WAIT).until(() -> contacts.find(waiting).isPresent());
        publisher.publishTombstone(Topics.CANDIDATE_CONTACTS, waiting);
        await().atMost(WAIT).until(() -> !opens(forWaiting));
    }

    @Test
    void aDeliveryLeftSendingByACrashedInstanceIsTakenOverWhenItsLeaseRunsOut() {
        String candidate = newId("c");
        stubSmsAccepted();
        publishContact(candidate, "+4915112345674", null, "de");
        await().atMost(WAIT).until(() -> contacts.find(candidate).isPresent());
        String id = newId("code");
        Instant now = Instant.now();
        deliveries.insertIfAbsent(new Delivery(id, candidate, MessageTemplate.VERIFICATION_CODE,
                Map.of("code", "123456"), now, now, DeliveryState.SENDING, null, 0, 0, Set.of(), now, null,
                null, null));
        mongo.updateFirst(Query.query(where("_id").is(id)), new Update().set("leaseToken", "crashed-instance")
                .set("leaseUntil", now.minusSeconds(1)), "deliveries");

        Delivery delivery = awaitFinal(id, DeliveryState.SENT);

        assertThat(delivery.attempts()).isEqualTo(1);
        smsGateway.verify(exactly(1), postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("123456")));
    }

    @Test
    void concurrentWorkersNeverClaimTheSameDelivery() throws Exception {
        // due only in a year: the running worker leaves them alone, the claims below ask "as of next year"
        Instant nextYear = Instant.now().plus(Duration.ofDays(365));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = newId("concurrent");
            ids.add(id);
            deliveries.insertIfAbsent(new Delivery(id, "c-concurrent", MessageTemplate.TOO_LATE, Map.of(), nextYear,
                    nextYear, DeliveryState.PENDING, null, 0, 0, Set.of(), nextYear, null, null, null));
        }
        Queue<String> claimed = new ConcurrentLinkedQueue<>();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                // as the workers do: each scans for due deliveries and races the others to claim them, a batch a write
                runs.add(workers.submit(() -> {
                    List<Deliveries.Due> due;
                    while (!(due = deliveries.findDue(nextYear, 10)).isEmpty()) {
                        deliveries.claimAllIfDue(due.stream().map(Deliveries.Due::notificationId).toList(), nextYear,
                                Duration.ofDays(365)).forEach(won -> claimed.add(won.delivery().notificationId()));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
            mongo.remove(Query.query(where("_id").in(ids)), "deliveries");
        }

        assertThat(claimed.stream().filter(ids::contains)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aMalformedRequestGoesToTheDeadLetters() {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> deadLetters = new DefaultKafkaConsumerFactory<>(props,
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer()) {
            deadLetters.subscribe(List.of(Topics.deadLettersOf(Topics.NOTIFICATION_REQUESTS.name())));
            String key = newId("c-malformed");

            publisher.send(Topics.NOTIFICATION_REQUESTS.name(), key, UUID.randomUUID().toString(),
                    NotificationRequested.TYPE, "{\"type\":\"NotificationRequested.v1\",\"parameters\":".getBytes(
                            StandardCharsets.UTF_8));

            List<String> keys = new ArrayList<>();
            List<String> originalTopics = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    keys.add(record.key());
                    if (key.equals(record.key()) && record.headers().lastHeader("x-original-topic") != null) {
                        originalTopics.add(new String(record.headers().lastHeader("x-original-topic").value(),
                                StandardCharsets.UTF_8));
                    }
                });
                return keys.contains(key);
            });
            // as the binder marks its dead letters: where the record came from (the system tests match by it)
            assertThat(originalTopics).containsExactly(Topics.NOTIFICATION_REQUESTS.name());
        }
    }

    private static String opsBasic() {
        return "Basic " + Base64.getEncoder().encodeToString((OPS_USER + ":" + OPS_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A session signed in on the staff login form, as the outbox page (a page, not the API) requires. */
    private MockHttpSession signedInOps() throws Exception {
        MvcResult loginPage = web.perform(get("/staff/login")).andExpect(status().isOk()).andReturn();
        MockHttpSession session = (MockHttpSession) loginPage.getRequest().getSession();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(loginPage.getResponse().getContentAsString());
        assertThat(csrf.find()).isTrue();
        web.perform(MockMvcRequestBuilders.post("/staff/login").session(session).param("username", OPS_USER)
                        .param("password", OPS_PASSWORD).param("_csrf", csrf.group(1)))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", not(containsString("error"))));
        return session;
    }

    private void stubSmsAccepted() {
        smsGateway.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .willReturn(accepted()));
    }

    private static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}");
    }

    private void publishContact(String candidate, String phone, String email, String language) {
        publishContact(candidate, phone, email, language, PhoneKind.MOBILE);
    }

    private void publishContact(String candidate, String phone, String email, String language, PhoneKind kind) {
        keys.create(candidate);
        publisher.publish(Topics.CANDIDATE_CONTACTS, new CandidateContactChanged(UUID.randomUUID(), Instant.now(),
                candidate, personalData.seal(candidate, CandidateContactChanged.TYPE,
                        new CandidateContactChanged.Details("Erika Mustermann", phone, email)),
                language, kind));
    }

    private void stubCalls(ResponseDefinitionBuilder answer) {
        smsGateway.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(answer));
    }

    /** An offer as allocation-service requests it: the answer token sealed with a key of this message. */
    private NotificationRequested offerRequest(String id, String candidate, String token) {
        Instant from = Instant.now().plus(Duration.ofHours(1));
        return messageSecrets.request(Instant.now(), id, candidate, MessageTemplate.OFFER, Map.of(
                "centreName", "Impfzentrum Waldeck-Frankenberg",
                "centreAddress", "Demo-Straße 1, 34497 Korbach",
                "windowFrom", from.toString(),
                "windowTo", from.plus(Duration.ofMinutes(90)).toString(),
                "answerDeadline", Instant.now().plus(Duration.ofMinutes(20)).toString(),
                "offerId", "offer-" + id), Map.of("answerToken", token));
    }

    /** A request with secret parameters, sealed as the producers seal them. */
    private NotificationRequested sealedRequest(String id, String candidate, MessageTemplate template,
                                                Map<String, String> secrets) {
        return messageSecrets.request(Instant.now(), id, candidate, template, Map.of(), secrets);
    }

    private boolean opens(NotificationRequested request) {
        return messageSecrets.open(request.eventId().toString(), request.secrets()).isPresent();
    }

    private static NotificationRequested request(String id, String candidate, MessageTemplate template,
                                                 Map<String, String> parameters) {
        return new NotificationRequested(UUID.randomUUID(), Instant.now(), id, candidate, template, parameters);
    }

    private Delivery awaitFinal(String notificationId, DeliveryState state) {
        await().atMost(WAIT).until(() -> deliveries.find(notificationId)
                .map(d -> d.state().isFinal()).orElse(false));
        Delivery delivery = deliveries.find(notificationId).orElseThrow();
        assertThat(delivery.state()).isEqualTo(state);
        return delivery;
    }

    private NotificationStatusEvent awaitStatus(String notificationId) {
        List<NotificationStatusEvent> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            for (ConsumerRecord<String, byte[]> record : statusConsumer.poll(Duration.ofMillis(200))) {
                if (notificationId.equals(record.key())) {
                    received.add(codec.decode(record.value(), NotificationStatusEvent.class));
                }
            }
            return !received.isEmpty();
        });
        assertThat(received.get(0).notificationId()).isEqualTo(notificationId);
        return received.get(0);
    }

    private double retries() {
        return meters.find("notifications.retries").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
