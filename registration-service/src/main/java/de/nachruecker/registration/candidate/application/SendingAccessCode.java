package de.nachruecker.registration.candidate.application;

import de.nachruecker.events.candidate.PhoneKind;
import de.nachruecker.events.notification.MessageTemplate;
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

/**
 * The citizen asks for their access code by SMS or email, so as not to copy it by hand. Only the signed-in citizen can,
 * whose session holds the code: the service stores only its hash and has nothing else to send. The code travels on
 * {@code notification-requests} sealed with a key of its message only, like a verification code (the notification
 * service deletes the key once it is sent).
 */
@Service
public class SendingAccessCode {

    public enum Channel { SMS, EMAIL }

    private final OwnRegistrations own;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final CandidateEvents events;

    public SendingAccessCode(OwnRegistrations own, Clock clock, RateLimiter rateLimiter, CandidateEvents events) {
        this.own = own;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.events = events;
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
                    OutgoingEvent request = events.accessCode(current, template, token.grouped(), now);
                    return new OwnRegistrations.Change<>(current, List.of(request), true);
                }));
    }
}
