package de.nachruecker.notification.message.model;

import java.util.Set;

/**
 * One message ready to send, as SMS text and as email.
 *
 * @param secrets the values in the texts that let their reader act as the candidate (the answer token, also as it
 *                appears in the link, and the verification code): the recipient gets them, nobody else sees them
 */
public record RenderedMessage(String subject, String smsText, String emailText, Set<String> secrets) {

    static final String HIDDEN = "[…]";

    public RenderedMessage {
        secrets = Set.copyOf(secrets);
    }

    /** {@code text} (one of this message's texts) with every secret replaced, for showing it to anyone else. */
    public String withoutSecrets(String text) {
        String shown = text;
        for (String secret : secrets) {
            shown = shown.replace(secret, HIDDEN);
        }
        return shown;
    }
}
