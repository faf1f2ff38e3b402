package de.nachruecker.registration;

import de.nachruecker.support.messaging.EventPublisher;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A registration acknowledged while the broker is unreachable is kept and published by the sweep later. */
class BrokerOutageIT extends IntegrationTestBase {

    @Test
    void registrationAcceptedDuringABrokerOutageIsPublishedOnceTheBrokerIsBack() throws Exception {
        // the relay hands records over asynchronously: an unreachable broker fails the future
        doReturn(CompletableFuture.failedFuture(new EventPublisher.EventPublishingException("broker unreachable")))
                .when(publisher).sendAsync(any(), any(), any(), any(), any(), any());

        String candidateId = candidateId(mvc.perform(
                        register(request("Erika Mustermann", "1950-04-01", "0151 23456789")))
                .andExpect(status().isCreated()).andReturn());

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> verify(publisher, atLeastOnce()).sendAsync(any(), any(), any(), any(), any(), any()));
        assertThat(storedDocument(candidateId).getList("outbox", Document.class)).hasSize(3);

        Mockito.reset(publisher);

        // no one relays this document again but the periodic sweep
        assertThat(recordsOf(candidateId, 2)).hasSize(2);
        assertThat(notificationsOf(candidateId, 1)).hasSize(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> storedDocument(candidateId).getList("outbox", Document.class).isEmpty());
    }
}
