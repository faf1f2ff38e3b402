package de.nachruecker.notification.config;

import de.nachruecker.notification.channel.email.EmailSender;
import de.nachruecker.notification.channel.sms.SmsGateway;
import de.nachruecker.notification.channel.twilio.TwilioAccount;
import de.nachruecker.notification.channel.twilio.TwilioSmsGateway;
import de.nachruecker.notification.channel.twilio.TwilioVoiceGateway;
import de.nachruecker.notification.channel.voice.VoiceGateway;
import de.nachruecker.notification.contact.application.Contacts;
import de.nachruecker.notification.delivery.application.Deliveries;
import de.nachruecker.notification.delivery.application.DeliveringNotifications;
import de.nachruecker.notification.delivery.application.DeliveryMetrics;
import de.nachruecker.notification.delivery.application.DeliveryWorkers;
import de.nachruecker.notification.delivery.application.DueDeliveries;
import de.nachruecker.notification.delivery.application.MessageSender;
import de.nachruecker.notification.delivery.application.SecretParameters;
import de.nachruecker.notification.delivery.application.UnstoredOutcomes;
import de.nachruecker.notification.delivery.model.QuietHours;
import de.nachruecker.notification.delivery.model.RetryPolicy;
import de.nachruecker.notification.message.model.MessageCatalogue;
import de.nachruecker.notification.message.voice.VoiceScripts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** Announced deliveries kept in memory at most (a few hundred kB); more are found by the workers' scans. */
    private static final int MAX_ANNOUNCED = 10_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MessageCatalogue messageCatalogue(NotificationProperties properties) {
        return new MessageCatalogue(properties.answerBaseUrl());
    }

    @Bean
    VoiceScripts voiceScripts(NotificationProperties properties) {
        return new VoiceScripts(properties.answerBaseUrl());
    }

    @Bean
    QuietHours quietHours(NotificationProperties properties) {
        NotificationProperties.QuietHours quiet = properties.voice().quietHours();
        return new QuietHours(quiet.start(), quiet.end(), quiet.zone());
    }

    @Bean
    RetryPolicy retryPolicy(NotificationProperties properties) {
        NotificationProperties.Delivery d = properties.delivery();
        return new RetryPolicy(d.maxAttemptsPerChannel(), d.initialBackoff(), d.maxBackoff(), d.contactWait(),
                d.contactRetryInterval());
    }

    @Bean
    UnstoredOutcomes unstoredOutcomes() {
        return new UnstoredOutcomes();
    }

    @Bean
    DeliveringNotifications deliveringNotifications(Deliveries deliveries, Contacts contacts, MessageSender sender,
                                                    MessageCatalogue catalogue, VoiceScripts voiceScripts,
                                                    QuietHours quietHours, RetryPolicy retryPolicy,
                                                    DeliveryMetrics metrics, SecretParameters secrets,
                                                    Clock clock, UnstoredOutcomes unstored,
                                                    NotificationProperties properties) {
        return new DeliveringNotifications(deliveries, contacts, sender, catalogue, voiceScripts, quietHours,
                retryPolicy, metrics, secrets, clock, unstored, properties.delivery().lease());
    }

    @Bean
    DueDeliveries dueDeliveries(Deliveries deliveries, Clock clock, UnstoredOutcomes unstored,
                                NotificationProperties properties) {
        NotificationProperties.Delivery d = properties.delivery();
        return new DueDeliveries(deliveries, clock, d.lease(), d.pollInterval(), MAX_ANNOUNCED, d.claimLinger(),
                unstored);
    }

    @Bean
    DeliveryWorkers deliveryWorkers(DueDeliveries due, DeliveringNotifications delivering,
                                    NotificationProperties properties) {
        NotificationProperties.Delivery d = properties.delivery();
        return new DeliveryWorkers(due, delivering, d.workers(), d.inFlight(), d.pollInterval(),
                d.shutdownTimeout());
    }

    /** Messages and calls go through one Twilio account. */
    @Bean
    TwilioAccount twilioAccount(NotificationProperties properties) {
        NotificationProperties.Sms sms = properties.sms();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(sms.connectTimeout()).build());
        requestFactory.setReadTimeout(sms.readTimeout());
        RestClient http = RestClient.builder().baseUrl(sms.baseUrl()).requestFactory(requestFactory).build();
        return new TwilioAccount(http, sms.accountSid(), sms.authToken());
    }

    @Bean
    SmsGateway smsGateway(TwilioAccount twilio, NotificationProperties properties) {
        return new TwilioSmsGateway(twilio, properties.sms().from());
    }

    @Bean
    VoiceGateway voiceGateway(TwilioAccount twilio, NotificationProperties properties) {
        return new TwilioVoiceGateway(twilio, properties.voice().from());
    }

    @Bean
    EmailSender emailSender(JavaMailSender mail, NotificationProperties properties) {
        return new EmailSender(mail, properties.mail().from());
    }
}
