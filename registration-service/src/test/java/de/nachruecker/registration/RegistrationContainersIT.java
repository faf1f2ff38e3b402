package de.nachruecker.registration;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.events.candidate.CandidateEvent;
import de.nachruecker.events.candidate.CandidateRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import de.nachruecker.support.testing.RealImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Registration against the real {@code apache/kafka} and {@code mongo} images (real unique-index errors, real
 * broker); skipped where there is no Docker.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RegistrationContainersIT extends RealImages {

    private static final String BODY = """
            {"name": "Erika Mustermann", "birthDate": "1950-04-01", "phone": "%s", "priorityGroup": "HIGH",
             "centreIds": ["korbach"], "maxTravelMinutes": 30, "consent": true}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    EventCodec codec;

    @Test
    void registrationReachesCandidatesAndAnUnverifiedOneKeepsNoOneOut() throws Exception {
        String answer = mvc.perform(post("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted("0151 23456789")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String candidateId = JsonMapper.builder().build().readTree(answer).get("candidateId").asString();

        mvc.perform(post("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.formatted("0170 1234567")))
                .andExpect(status().isCreated());

        List<ConsumerRecord<String, byte[]>> records = firstRecordsOn(Topics.CANDIDATES);
        assertThat(records.get(0).key()).isEqualTo(candidateId);
        assertThat(codec.decode(records.get(0).value(), CandidateEvent.class))
                .isInstanceOf(CandidateRegistered.class);
    }
}
