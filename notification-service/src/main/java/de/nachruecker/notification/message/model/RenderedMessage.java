package de.nachruecker.notification.message.model;

/** One message ready to send, as SMS text and as email. */
public record RenderedMessage(String subject, String smsText, String emailText) {
}
