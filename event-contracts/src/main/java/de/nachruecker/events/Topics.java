package de.nachruecker.events;

import java.util.List;
import java.util.stream.Stream;

/** The platform's topics, in business words. Every name used on the wire comes from here. */
public final class Topics {

    private static final String DEAD_LETTER_SUFFIX = ".dead-letters";

    /**
     * The key of the tombstones the producer of the compacted topics appends to each of their partitions now and then,
     * so that Kafka rolls and compacts them without other traffic (service-support's {@code CompactionNudge}). No
     * candidate has this id; consumers ignore these tombstones.
     */
    public static final String COMPACTION_NUDGE_KEY = "compaction-nudge";

    /**
     * Pseudonymous candidate profiles: registered, updated, withdrawn. Keyed by candidate id. Compacted, because a
     * profile still holds a birth date: after the withdrawal a tombstone erases the candidate's records.
     */
    public static final TopicDefinition CANDIDATES =
            new TopicDefinition("candidates", 6, true, "candidateId");

    /**
     * Contact data (name, phone, email, language) for the notification service only. Compacted: the latest value per
     * candidate is kept and a tombstone (null value) erases it. Keyed by candidate id.
     */
    public static final TopicDefinition CANDIDATE_CONTACTS =
            new TopicDefinition("candidate-contacts", 6, true, "candidateId");

    /** Freed doses published by centre operators, and corrections and withdrawals of them. Keyed by centre id. */
    public static final TopicDefinition DOSE_RELEASES =
            new TopicDefinition("dose-releases", 6, false, "centreId");

    /** A citizen's answer (accept / decline) to an offer, from the registration service. Keyed by release id. */
    public static final TopicDefinition OFFER_ANSWERS =
            new TopicDefinition("offer-answers", 6, false, "releaseId");

    /** The offer lifecycle and release outcomes decided by the allocation service. Keyed by release id. */
    public static final TopicDefinition OFFERS =
            new TopicDefinition("offers", 6, false, "releaseId");

    /**
     * What operators recorded at the centre for confirmed appointments: vaccinated or missed. Keyed by release id, like
     * the offers they follow.
     */
    public static final TopicDefinition ARRIVALS =
            new TopicDefinition("arrivals", 6, false, "releaseId");

    /** Messages the notification service is asked to send. Keyed by candidate id. */
    public static final TopicDefinition NOTIFICATION_REQUESTS =
            new TopicDefinition("notification-requests", 6, false, "candidateId");

    /** Delivery outcome (sent / failed) per notification. Keyed by notification id. */
    public static final TopicDefinition NOTIFICATION_STATUS =
            new TopicDefinition("notification-status", 6, false, "notificationId");

    private static final List<TopicDefinition> EVENT_TOPICS = List.of(
            CANDIDATES, CANDIDATE_CONTACTS, DOSE_RELEASES, OFFER_ANSWERS, OFFERS, ARRIVALS, NOTIFICATION_REQUESTS,
            NOTIFICATION_STATUS);

    private Topics() {
    }

    /** Where records of {@code topic} go that a consumer could not process. */
    public static String deadLettersOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The topics events are published to, without their dead-letter topics. */
    public static List<TopicDefinition> eventTopics() {
        return EVENT_TOPICS;
    }

    /** Every topic the platform uses, dead-letter topics included. */
    public static List<TopicDefinition> all() {
        return EVENT_TOPICS.stream()
                .flatMap(topic -> Stream.of(topic, topic.deadLetters()))
                .toList();
    }
}
