package de.nachruecker.notification.outboxpage;

import de.nachruecker.notification.contact.application.ContactErasureListener;
import de.nachruecker.notification.delivery.model.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last messages this instance sent, in memory, for a person trying the platform by hand (local profile only: it
 * holds phone numbers and email addresses). Forgets a candidate's messages when the contact is erased.
 */
@Component
@ConditionalOnProperty(name = LocalOutbox.ENABLED, havingValue = "true")
public class LocalOutbox implements ContactErasureListener {

    static final String ENABLED = "nachruecker.notification.outbox-page.enabled";

    private final Deque<SentMessage> messages = new ArrayDeque<>();
    private final int size;
    private final Clock clock;

    LocalOutbox(@Value("${nachruecker.notification.outbox-page.size:100}") int size, Clock clock) {
        this.size = size;
        this.clock = clock;
    }

    public synchronized void record(String candidateId, Channel channel, String recipient, String subject,
                                    String text) {
        messages.addFirst(new SentMessage(clock.instant(), candidateId, channel, recipient, subject, text));
        while (messages.size() > size) {
            messages.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<SentMessage> latest() {
        return new ArrayList<>(messages);
    }

    @Override
    public synchronized void contactErased(String candidateId) {
        messages.removeIf(message -> message.candidateId().equals(candidateId));
    }

    public record SentMessage(Instant sentAt, String candidateId, Channel channel, String recipient, String subject,
                              String text) {
    }
}
