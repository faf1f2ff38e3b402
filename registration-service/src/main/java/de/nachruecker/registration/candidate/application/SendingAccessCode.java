package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.registration.ratelimit.application.RateLimiter;
import de.nachruecker.registration.ratelimit.model.LimitedAction;
import de.nachruecker.registration.candidate.model.AccessToken;
import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.RegistrationWithdrawnException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The citizen asks for their access code by SMS or email, so as not to copy it by hand. Only the signed-in citizen can,
 * whose session holds the code: the service stores only its hash and has nothing else to send. The code travels on
 * {@code notification-requests} like a verification code (the notification service drops it once sent).
 */
@Service
public class SendingAccessCode {

    public enum Channel { SMS, EMAIL }

    private final OwnRegistrations own;
    private final Clock clock;
    private final RateLimiter rateLimiter;

    public SendingAccessCode(OwnRegistrations own, Clock clock, RateLimiter rateLimiter) {
        this.own = own;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
    }

    /**
     * @return {@code false} if there is no email, or no mobile (a landline takes no SMS), to send it to
     * @throws de.nachruecker.registration.ratelimit.model.RateLimitExceededException as for verification codes: each
     *         costs an SMS or an email
     * @throws RegistrationWithdrawnException if the registration was withdrawn
     */
    public boolean send(AccessToken token, Channel channel, String clientAddress) {
        Registration registration = own.find(token);
        Applicant applicant = registration.applicant().orElseThrow(RegistrationWithdrawnException::new);
        if (channel == Channel.EMAIL && applicant.email() == null
                || channel == Channel.SMS && applicant.phoneKind() != PhoneKind.MOBILE) {
            return false;
        }
        // only a message actually requested counts against the allowances, as for verification codes
        return rateLimiter.spendOnSuccess(LimitedAction.SEND_CODE, clientAddress, applicant.phone(),
                () -> own.change(token, current -> {
                    if (current.isWithdrawn()) {
                        throw new RegistrationWithdrawnException();
                    }
                    Instant now = clock.instant();
                    MessageTemplate template = channel == Channel.SMS
                            ? MessageTemplate.ACCESS_CODE_BY_SMS : MessageTemplate.ACCESS_CODE_BY_EMAIL;
                    // the id is made once and stored with the event, so a second relay is no second message
                    OutgoingEvent request = OutgoingEvent.of(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(
                            UUID.randomUUID(), now, "access-code:" + current.candidateId() + ":" + UUID.randomUUID(),
                            current.candidateId(), template, Map.of("accessCode", token.grouped())));
                    return new OwnRegistrations.Change<>(current, List.of(request), true);
                }));
    }
}
