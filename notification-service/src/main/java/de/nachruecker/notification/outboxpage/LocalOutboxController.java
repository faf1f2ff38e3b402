package de.nachruecker.notification.outboxpage;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET /api/outbox} (JSON) and {@code GET /outbox} (HTML with clickable links) of what was sent. */
@RestController
@ConditionalOnProperty(name = LocalOutbox.ENABLED, havingValue = "true")
@Tag(name = "Local outbox", description = "What this instance sent, for trying the platform by hand (profile local "
        + "only: it shows phone numbers and email addresses); staff with role OPS or ADMIN only")
class LocalOutboxController {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<]+");

    private final LocalOutbox outbox;

    LocalOutboxController(LocalOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping(path = "/api/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The last messages sent, newest first",
            description = "Channel, recipient, subject and text of the last messages (at most "
                    + "nachruecker.notification.outbox-page.size); a candidate's messages disappear when the contact "
                    + "is erased.")
    List<LocalOutbox.SentMessage> messages() {
        return outbox.latest();
    }

    @GetMapping(path = "/outbox", produces = MediaType.TEXT_HTML_VALUE)
    @Hidden
    String page() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="de"><head><meta charset="utf-8"><title>Nachrücker – gesendete Nachrichten</title>
                <style>body{font-family:sans-serif;max-width:60em;margin:1em auto}
                article{border:1px solid #ccc;border-radius:4px;padding:.5em 1em;margin:.5em 0}
                pre{white-space:pre-wrap;font-family:inherit}</style></head>
                <body><h1>Gesendete Nachrichten (lokale Testumgebung)</h1>
                """);
        List<LocalOutbox.SentMessage> messages = outbox.latest();
        if (messages.isEmpty()) {
            html.append("<p>Noch nichts gesendet.</p>");
        }
        for (LocalOutbox.SentMessage message : messages) {
            html.append("<article><p><strong>").append(message.channel()).append("</strong> an ")
                    .append(HtmlUtils.htmlEscape(message.recipient())).append(" · ").append(message.sentAt())
                    .append("</p>");
            if (message.subject() != null) {
                html.append("<p><em>").append(HtmlUtils.htmlEscape(message.subject())).append("</em></p>");
            }
            html.append("<pre>").append(linked(HtmlUtils.htmlEscape(message.text()))).append("</pre></article>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String linked(String escapedText) {
        Matcher link = LINK.matcher(escapedText);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            link.appendReplacement(out, Matcher.quoteReplacement(
                    "<a href=\"" + link.group() + "\">" + link.group() + "</a>"));
        }
        return link.appendTail(out).toString();
    }
}
