package de.nachruecker.notification.channel.email;

import de.nachruecker.notification.delivery.model.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** How SMTP answers map to retry (4xx, no connection) or fallback (5xx, no address). */
class EmailSenderTest {

    private final JavaMailSender mail = mock(JavaMailSender.class);
    private final EmailSender sender = new EmailSender(mail, "Nachrücker <noreply@nachruecker.invalid>");

    @Test
    void sendsAPlainTextMessage() {
        assertThat(sender.send("erika@example.org", "Betreff", "Text")).isEqualTo(SendResult.sent());

        ArgumentCaptor<SimpleMailMessage> sent = ArgumentCaptor.forClass(SimpleMailMessage.class);
        verify(mail).send(sent.capture());
        assertThat(sent.getValue().getTo()).containsExactly("erika@example.org");
        assertThat(sent.getValue().getFrom()).isEqualTo("Nachrücker <noreply@nachruecker.invalid>");
        assertThat(sent.getValue().getSubject()).isEqualTo("Betreff");
    }

    @Test
    void anAddressThatIsNoneIsPermanentAndNeverSent() {
        assertThat(sender.send("erika at example", "s", "t"))
                .isEqualTo(SendResult.permanentFailure("email-invalid-address"));
        verify(mail, never()).send(any(SimpleMailMessage.class));
    }

    @Test
    void aRecipientRejectedWith5xxIsPermanent() {
        rejectWith("550 5.1.1 <erika@example.org>: Recipient address rejected: User unknown");

        assertThat(sender.send("erika@example.org", "s", "t"))
                .isEqualTo(SendResult.permanentFailure("smtp-rejected:550"));
    }

    @Test
    void aRecipientDeferredWith4xxIsTransient() {
        rejectWith("451 4.7.1 Greylisted, please try again later");

        assertThat(sender.send("erika@example.org", "s", "t"))
                .isEqualTo(SendResult.transientFailure("smtp-deferred:451"));
    }

    @Test
    void anUnreachableServerIsTransient() {
        doThrow(new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused"))))
                .when(mail).send(any(SimpleMailMessage.class));

        assertThat(sender.send("erika@example.org", "s", "t"))
                .isEqualTo(SendResult.transientFailure("smtp-unavailable"));
    }

    private void rejectWith(String smtpReply) {
        SendFailedException invalid = new SendFailedException("Invalid Addresses",
                new SendFailedException(smtpReply));
        doThrow(new MailSendException(Map.of(new Object(), invalid))).when(mail).send(any(SimpleMailMessage.class));
    }
}
