package de.nachruecker.support.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's report for an error no application saw: a request Tomcat refuses before any servlet runs, such as a path
 * with an encoded {@code /} or {@code \}, a NUL byte or a broken %-escape. Tomcat's own report is an HTML page; this
 * one is a problem document for API clients and a short bilingual page for browsers that ask for HTML. It only
 * reports when nothing was written yet and the error was not reported by the application (Spring's error handling
 * answers every request that reaches it), so it never replaces an answer.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == HttpStatus.BAD_REQUEST.value()
                ? "The request cannot be read: its path or headers are malformed (for example an encoded '/' or "
                + "'\\', a NUL byte or a broken %-escape in the path)."
                : "The request could not be served.";
        try {
            response.setCharacterEncoding("UTF-8");
            String body;
            if (ApiFallbackAdvice.wantsPage(request)) {
                response.setContentType(MediaType.TEXT_HTML_VALUE);
                body = page(status, title, status == HttpStatus.BAD_REQUEST.value());
            } else {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "about:blank");
                problem.put("title", title);
                problem.put("status", status);
                problem.put("detail", detail);
                body = JSON.writeValueAsString(problem);
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response cannot take a body any more: nothing left to report to
        }
    }

    private static String page(int status, String title, boolean badAddress) {
        return "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + status
                + " – Nachrücker</title></head><body><main>"
                + (badAddress ? "<h1>Diese Adresse ist ungültig</h1>" : "<h1>Das hat nicht geklappt</h1>")
                + "<p>Bitte prüfen Sie die Adresse oder beginnen Sie auf der Startseite.</p>"
                + (badAddress ? "<h2 lang=\"en\">This address is not valid</h2>"
                : "<h2 lang=\"en\">Something went wrong</h2>")
                + "<p lang=\"en\">Please check the address or begin on the start page. (" + status + " "
                + HtmlUtils.htmlEscape(title) + ")</p>"
                + "<p><a href=\"/\">Zur Startseite / To the start page</a></p></main></body></html>";
    }
}
