package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.persistence.OfferDocument;
import de.nachruecker.allocation.release.persistence.ReleaseDocument;
import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.support.centre.Centre;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.outbox.PendingEvent;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Turns allocation decisions into outbox entries: lifecycle events and the notifications that go with them. */
@Component
public class OfferMessages {

    private final EventCodec codec;
    private final CentreCatalogue centres;

    public OfferMessages(EventCodec codec, CentreCatalogue centres) {
        this.codec = codec;
        this.centres = centres;
    }

    public PendingEvent event(OfferEvent event) {
        return PendingEvent.of(Topics.OFFERS, event, codec);
    }

    /** The only place the raw answer token goes: the message to the candidate. */
    public PendingEvent offerNotification(OfferDocument offer, ReleaseDocument release, AnswerToken token,
                                          Instant now) {
        Map<String, String> parameters = appointment(offer, release);
        parameters.put("answerDeadline", offer.answerDeadline().toString());
        parameters.put("answerToken", token.raw());
        return notification("offer:", offer, MessageTemplate.OFFER, parameters, now);
    }

    public PendingEvent confirmationNotification(OfferDocument offer, ReleaseDocument release, Instant now) {
        return notification("confirmation:", offer, MessageTemplate.CONFIRMATION, appointment(offer, release), now);
    }

    public NotificationRequested tooLateNotification(OfferDocument offer, Instant now) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("offerId", offer.id());
        parameters.put("releaseId", offer.releaseId());
        parameters.put("centreId", offer.centreId());
        parameters.put("centreName", centres.find(offer.centreId()).map(Centre::name).orElse(offer.centreId()));
        return new NotificationRequested(UUID.randomUUID(), now, "too-late:" + offer.id(), offer.candidateId(),
                MessageTemplate.TOO_LATE, parameters);
    }

    public PendingEvent pending(DomainEvent event) {
        return PendingEvent.of(event instanceof NotificationRequested ? Topics.NOTIFICATION_REQUESTS : Topics.OFFERS,
                event, codec);
    }

    private Map<String, String> appointment(OfferDocument offer, ReleaseDocument release) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("offerId", offer.id());
        parameters.put("releaseId", release.id());
        parameters.put("centreId", release.centreId());
        centres.find(release.centreId()).ifPresent(centre -> {
            parameters.put("centreName", centre.name());
            parameters.put("centreAddress", centre.address());
        });
        parameters.put("product", release.product());
        parameters.put("windowFrom", release.windowFrom().toString());
        parameters.put("windowTo", release.windowTo().toString());
        return parameters;
    }

    private PendingEvent notification(String prefix, OfferDocument offer, MessageTemplate template,
                                      Map<String, String> parameters, Instant now) {
        return PendingEvent.of(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), now,
                prefix + offer.id(), offer.candidateId(), template, parameters), codec);
    }
}
