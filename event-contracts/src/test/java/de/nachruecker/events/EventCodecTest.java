package de.nachruecker.events;

import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateProfile;
import de.nachruecker.events.candidate.CandidateRegistered;
import de.nachruecker.events.candidate.CandidateWithdrawn;
import de.nachruecker.events.candidate.PriorityGroup;
import de.nachruecker.events.release.AppointmentWindow;
import de.nachruecker.events.release.DosesReleased;
import de.nachruecker.events.release.ReleaseEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    private final CandidateRegistered registered = new CandidateRegistered(
            UUID.fromString("7d5f3a52-3f7c-4b8e-9a43-2a6d1d0c9e11"), Instant.parse("2021-05-03T08:15:30Z"), "c-42",
            new CandidateProfile(new SealedValue(1, "bm9uY2Utbm9uY2U=", "c2VhbGVk"), PriorityGroup.HIGH, List.of("korbach", "kassel"), 25,
                    Instant.parse("2021-04-30T16:00:00Z"), true));

    @Test
    void writesTheDocumentedJsonWithVersionedTypeAndIsoInstants() {
        String json = new String(codec.encode(registered), StandardCharsets.UTF_8);

        assertThat(json)
                .contains("\"type\":\"CandidateRegistered.v2\"")
                .contains("\"eventId\":\"7d5f3a52-3f7c-4b8e-9a43-2a6d1d0c9e11\"")
                .contains("\"occurredAt\":\"2021-05-03T08:15:30Z\"")
                .contains("\"birthDate\":{\"keyVersion\":1,\"nonce\":\"bm9uY2Utbm9uY2U=\",\"ciphertext\":\"c2VhbGVk\"}")
                .contains("\"centreIds\":[\"korbach\",\"kassel\"]")
                .doesNotContain("partitionKey");
    }

    @Test
    void readsBackTheSameEventThroughTheTopicInterface() {
        CandidateEvent decoded = codec.decode(codec.encode(registered), CandidateEvent.class);

        assertThat(decoded).isEqualTo(registered);
        assertThat(decoded.partitionKey()).isEqualTo("c-42");
    }

    @Test
    void toleratesPropertiesItDoesNotKnow() {
        String json = "{\"type\":\"CandidateWithdrawn.v1\",\"eventId\":\"7d5f3a52-3f7c-4b8e-9a43-2a6d1d0c9e11\","
                + "\"occurredAt\":\"2021-05-03T08:15:30Z\",\"candidateId\":\"c-1\","
                + "\"reason\":\"WITHDRAWN_BY_CANDIDATE\",\"addedLater\":true}";

        CandidateEvent decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8), CandidateEvent.class);

        assertThat(decoded).isInstanceOf(CandidateWithdrawn.class);
    }

    @Test
    void partitionsReleasesByCentre() {
        DosesReleased released = new DosesReleased(UUID.randomUUID(), Instant.parse("2021-05-03T08:00:00Z"), "r-1",
                "korbach", "COMIRNATY", 4,
                new AppointmentWindow(Instant.parse("2021-05-03T09:00:00Z"), Instant.parse("2021-05-03T11:00:00Z")),
                Instant.parse("2021-05-03T13:00:00Z"));

        ReleaseEvent decoded = codec.decode(codec.encode(released), ReleaseEvent.class);

        assertThat(decoded).isEqualTo(released);
        assertThat(decoded.partitionKey()).isEqualTo("korbach");
        assertThat(codec.typeOf(released)).isEqualTo("DosesReleased.v1");
    }

    @Test
    void rejectsUnknownTypesEmptyAndBrokenPayloadsWithAReason() {
        String unknownType = "{\"type\":\"CandidateTeleported.v1\",\"candidateId\":\"c-1\"}";

        assertThatThrownBy(() -> codec.decode(unknownType.getBytes(StandardCharsets.UTF_8), CandidateEvent.class))
                .isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessageContaining("CandidateEvent");
        assertThatThrownBy(() -> codec.decode(new byte[0], CandidateEvent.class))
                .isInstanceOf(EventCodec.MalformedEventException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8), ReleaseEvent.class))
                .isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void everyTopicHasItsDeadLetterTopicAndNamesAreUnique() {
        List<String> names = Topics.all().stream().map(TopicDefinition::name).toList();

        assertThat(names).doesNotHaveDuplicates().contains("candidates", "candidates.dead-letters",
                "candidate-contacts", "dose-releases.dead-letters");
        assertThat(Topics.CANDIDATE_CONTACTS.compacted()).isTrue();
        assertThatThrownBy(() -> new TopicDefinition("x", 0, false, "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
