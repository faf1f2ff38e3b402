package de.nachruecker.allocation.offer.application;

import de.nachruecker.allocation.offer.model.AnswerToken;
import de.nachruecker.allocation.offer.model.Offer;
import de.nachruecker.allocation.release.model.ReleaseLedger;
import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.notification.MessageTemplate;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.events.offer.AppointmentReference;
import de.nachruecker.events.offer.OfferEvent;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.personaldata.MessageSecrets;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Turns allocation decisions into outbox entries: lifecycle events and the notifications that go with them. */
@Component
public class OfferMessages {

    /** How the notification id of an offer's message starts; the offer id follows. */
    private static final String OFFER_PREFIX = "offer:";

    private final EventCodec codec;
    private final CentreCatalogue centres;
    private final MessageSecrets secrets;

    public OfferMessages(EventCodec codec, CentreCatalogue centres, MessageSecrets secrets) {
        this.codec = codec;
        this.centres = centres;
        this.secrets = secrets;
    }

    public PendingEvent event(OfferEvent event) {
        return PendingEvent.of(Topics.OFFERS, event, codec);
    }

    /** An offer event of {@code correlationId}'s work rather than this thread's (a batch's waves). */
    public PendingEvent event(OfferEvent event, String correlationId) {
        return PendingEvent.of(Topics.OFFERS, event, codec, correlationId);
    }

    /**
     * An offer of a wave with its raw answer token, the moment it was made and the work it belongs to, for
     * {@link #offerNotifications}.
     */
    public record Announced(Offer offer, AnswerToken token, Instant madeAt, String correlationId) {
    }

    /**
     * The only place the raw answer token goes: the messages to the candidates of a wave's offers, each sealed with a
     * key of its message only (service-support {@link MessageSecrets}), which the notification service deletes once
     * the offer is sent. The keys of a batch's waves are created with one write before any message exists.
     *
     * @param releaseById the release of each offer, by id
     * @return the messages by offer id, in the order of {@code offers}
     */
    public Map<String, PendingEvent> offerNotifications(List<Announced> offers,
                                                        Map<String, ReleaseLedger> releaseById) {
        List<MessageSecrets.Draft> drafts = new ArrayList<>();
        for (Announced announced : offers) {
            Offer offer = announced.offer();
            Map<String, String> parameters = appointment(offer, releaseById.get(offer.releaseId()));
            parameters.put("answerDeadline", offer.answerDeadline().toString());
            drafts.add(new MessageSecrets.Draft(announced.madeAt(), OFFER_PREFIX + offer.id(), offer.candidateId(),
                    MessageTemplate.OFFER, parameters, Map.of("answerToken", announced.token().raw())));
        }
        List<NotificationRequested> requests = secrets.requestAll(drafts);
        Map<String, PendingEvent> byOfferId = new LinkedHashMap<>();
        for (int i = 0; i < offers.size(); i++) {
            byOfferId.put(offers.get(i).offer().id(),
                    PendingEvent.of(Topics.NOTIFICATION_REQUESTS, requests.get(i), codec,
                            offers.get(i).correlationId()));
        }
        return byOfferId;
    }

    /**
     * A message that will never be requested (its offer was refused or ended first): its sealed secret's key goes now
     * rather than when the vault expires it.
     */
    public void discard(PendingEvent message) {
        secrets.discard(message.eventId());
    }

    /** @return the offer whose message {@code notificationId} names; empty for other messages (confirmation, ...) */
    public static Optional<String> offerIdOf(String notificationId) {
        return notificationId != null && notificationId.startsWith(OFFER_PREFIX)
                ? Optional.of(notificationId.substring(OFFER_PREFIX.length())) : Optional.empty();
    }

    /** With the appointment's reference, which the citizen names at the centre, and the centre's phone number. */
    public PendingEvent confirmationNotification(Offer offer, ReleaseLedger release, Instant now) {
        Map<String, String> parameters = appointment(offer, release);
        parameters.put("reference", AppointmentReference.of(offer.id()));
        return notification("confirmation:", offer, MessageTemplate.CONFIRMATION, parameters, now);
    }

    /**
     * Carries the release's appointment (product, window) like the confirmation, so that two too-late answers at the
     * same centre read as two different messages rather than a duplicate.
     */
    public NotificationRequested tooLateNotification(Offer offer, ReleaseLedger release, Instant now) {
        Map<String, String> parameters = appointment(offer, release);
        parameters.putIfAbsent("centreName", offer.centreId());
        return new NotificationRequested(UUID.randomUUID(), now, "too-late:" + offer.id(), offer.candidateId(),
                MessageTemplate.TOO_LATE, parameters);
    }

    public PendingEvent pending(DomainEvent event) {
        return PendingEvent.of(event instanceof NotificationRequested ? Topics.NOTIFICATION_REQUESTS : Topics.OFFERS,
                event, codec);
    }

    private Map<String, String> appointment(Offer offer, ReleaseLedger release) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("offerId", offer.id());
        parameters.put("releaseId", release.id());
        parameters.put("centreId", release.centreId());
        centres.find(release.centreId()).ifPresent(centre -> {
            parameters.put("centreName", centre.name());
            parameters.put("centreAddress", centre.address());
            if (centre.phone() != null) {
                parameters.put("centrePhone", centre.phone());
            }
        });
        parameters.put("product", release.product());
        parameters.put("windowFrom", release.windowFrom().toString());
        parameters.put("windowTo", release.windowTo().toString());
        return parameters;
    }

    private PendingEvent notification(String prefix, Offer offer, MessageTemplate template,
                                      Map<String, String> parameters, Instant now) {
        return PendingEvent.of(Topics.NOTIFICATION_REQUESTS, new NotificationRequested(UUID.randomUUID(), now,
                prefix + offer.id(), offer.candidateId(), template, parameters), codec);
    }
}
