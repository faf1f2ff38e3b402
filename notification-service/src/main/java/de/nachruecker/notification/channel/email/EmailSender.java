package de.nachruecker.notification.channel.email;

import de.nachruecker.notification.delivery.model.SendResult;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text email through the SMTP server of {@code spring.mail.*}. An SMTP 5xx reply for the recipient or an address
 * that is not one is permanent; 4xx replies, connection and authentication trouble are transient.
 */
public class EmailSender {

    private static final Pattern SMTP_REPLY = Pattern.compile("^\\s*([245])(\\d\\d)\\b");

    private final JavaMailSender mail;
    private final String from;

    public EmailSender(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    public SendResult send(String to, String subject, String text) {
        try {
            new InternetAddress(to, true).validate();
        } catch (AddressException e) {
            return SendResult.permanentFailure("email-invalid-address");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            mail.send(message);
            return SendResult.sent();
        } catch (MailParseException | MailPreparationException e) {
            return SendResult.permanentFailure("email-invalid-message");
        } catch (MailAuthenticationException e) {
            return SendResult.transientFailure("smtp-authentication");
        } catch (MailSendException e) {
            return classify(e);
        } catch (MailException e) {
            return SendResult.transientFailure("smtp-unavailable");
        }
    }

    private static SendResult classify(MailSendException e) {
        List<Throwable> causes = new ArrayList<>(e.getFailedMessages().values());
        causes.add(e.getCause());
        for (Throwable cause : causes) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SendFailedException && t.getMessage() != null) {
                    Matcher reply = SMTP_REPLY.matcher(t.getMessage());
                    if (reply.find()) {
                        String code = reply.group(1) + reply.group(2);
                        return "5".equals(reply.group(1)) ? SendResult.permanentFailure("smtp-rejected:" + code)
                                : SendResult.transientFailure("smtp-deferred:" + code);
                    }
                }
            }
        }
        return SendResult.transientFailure("smtp-unavailable");
    }
}
