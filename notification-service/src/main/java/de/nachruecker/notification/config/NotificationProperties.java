package de.nachruecker.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * {@code nachruecker.notification.*}. SMS credentials come only from the environment
 * ({@code NACHRUECKER_NOTIFICATION_SMS_ACCOUNT_SID}, {@code NACHRUECKER_NOTIFICATION_SMS_AUTH_TOKEN}).
 *
 * @param answerBaseUrl where registration-service serves the offer answer page; offer links point there
 */
@ConfigurationProperties("nachruecker.notification")
public record NotificationProperties(
        @DefaultValue("http://localhost:8081") String answerBaseUrl,
        @DefaultValue Delivery delivery,
        @DefaultValue Sms sms,
        @DefaultValue Voice voice,
        @DefaultValue Mail mail) {

    /**
     * @param workers               deliveries sent in parallel by this instance (each worker waits on a gateway)
     * @param inFlight              deliveries claimed and not yet recorded at most (at least {@code workers}): one
     *                              claim, one read of contacts and keys and one outcome write serve a batch of up to
     *                              this many, which the workers send; it also bounds the messages a crash of the
     *                              instance can leave sent but unrecorded (sent again after their lease)
     * @param pollInterval          how often an idle worker scans the store for due deliveries not announced to it
     *                              (retries, late contacts, crashed instances' work); new requests wake it at once
     * @param lease                 how long a claimed delivery stays with one worker before another may take it over
     * @param shutdownTimeout       how long stopping waits for sends in flight
     * @param maxAttemptsPerChannel attempts on one channel before falling back to the other
     * @param initialBackoff        wait after the first transient failure; doubles with every further one
     * @param maxBackoff            longest wait between attempts
     * @param contactWait           how long a request waits for its candidate's contact to arrive
     * @param contactRetryInterval  how often it looks for the contact meanwhile
     * @param claimLinger           while deliveries keep arriving, how long a claim with free slots to spare waits
     *                              for more to make one batch of them (round trips are per batch); an idle
     *                              instance claims a single delivery at once
     */
    public record Delivery(
            @DefaultValue("8") int workers,
            @DefaultValue("32") int inFlight,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("15s") Duration shutdownTimeout,
            @DefaultValue("4") int maxAttemptsPerChannel,
            @DefaultValue("10s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("10m") Duration contactWait,
            @DefaultValue("5s") Duration contactRetryInterval,
            @DefaultValue("20ms") Duration claimLinger) {
    }

    /**
     * @param baseUrl  the Twilio API, or a compatible stand-in
     * @param from     sender: a Twilio number in E.164 or an alphanumeric sender id
     */
    public record Sms(
            @DefaultValue("https://api.twilio.com") String baseUrl,
            String accountSid,
            String authToken,
            String from,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }

    /**
     * Calls to landlines, placed through the same Twilio account as the SMS ({@code sms.base-url},
     * {@code sms.account-sid}, {@code sms.auth-token}).
     *
     * @param from       caller number: a Twilio number or verified caller id in E.164 (an alphanumeric sender
     *                   cannot call); without it every call fails and email is used
     * @param quietHours when offers do not ring unless their answer deadline falls before the quiet hours end
     */
    public record Voice(String from, @DefaultValue QuietHours quietHours) {
    }

    /** From {@code start} to {@code end} (may span midnight) in {@code zone}; start equal to end: none. */
    public record QuietHours(
            @DefaultValue("21:00") LocalTime start,
            @DefaultValue("08:00") LocalTime end,
            @DefaultValue("Europe/Berlin") ZoneId zone) {
    }

    public record Mail(@DefaultValue("Nachrücker <noreply@nachruecker.invalid>") String from) {
    }
}
