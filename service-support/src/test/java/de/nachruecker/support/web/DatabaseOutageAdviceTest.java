package de.nachruecker.support.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.correlation.CorrelationIdFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.WebApplicationContext;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A request that meets an unreachable database is answered 503 with Retry-After (a problem document for the API, the
 * error page for pages) and logged as one WARN line under its correlation id, without a stack trace. Web slice with
 * the module's auto-configuration; the controllers throw what Spring Data and the driver throw in an outage.
 */
@SpringBootTest(classes = DatabaseOutageAdviceTest.TestApplication.class,
        properties = "nachruecker.web.database-outage-retry-after=7s")
class DatabaseOutageAdviceTest {

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // keeps the MDC of the request thread
            super.append(event);
        }
    };

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(new CorrelationIdFilter()).build();
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void detach() {
        root.detachAppender(logged);
    }

    @Test
    void anApiRequestIsAnswered503WithRetryAfterAndAProblemDocument() throws Exception {
        mvc.perform(get("/api/things").header(CorrelationId.HTTP_HEADER, "outage-api"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.title").value(DatabaseOutageAdvice.TITLE))
                .andExpect(jsonPath("$.detail").value(DatabaseOutageAdvice.DETAIL))
                .andExpect(jsonPath("$.retryAfterSeconds").value(7));

        assertOneWarningWithoutStackTrace("outage-api", "GET /api/things", MongoTimeoutException.class.getName());
    }

    @Test
    void aDriverExceptionThatArrivesOnlyAsACauseIsAnOutageToo() throws Exception {
        mvc.perform(get("/api/things/untranslated").header(CorrelationId.HTTP_HEADER, "outage-cause"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertOneWarningWithoutStackTrace("outage-cause", "Connection refused");
    }

    @Test
    void aPageRequestGetsTheErrorPage() throws Exception {
        MvcResult result = mvc.perform(get("/page").accept(MediaType.TEXT_HTML)
                        .header(CorrelationId.HTTP_HEADER, "outage-page"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "7"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn();

        assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("Vorübergehend nicht erreichbar", "Temporarily unavailable");
        assertOneWarningWithoutStackTrace("outage-page", "GET /page");
    }

    @Test
    void aServicesOwnAdviceStillAnswersItsOwnExceptions() throws Exception {
        mvc.perform(get("/api/things/own")).andExpect(status().isConflict());

        assertThat(logged.list).noneMatch(event -> event.getLoggerName().equals(DatabaseOutageAdvice.class.getName()));
    }

    private void assertOneWarningWithoutStackTrace(String correlationId, String... text) {
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(logged.list)
                .filteredOn(event -> event.getLoggerName().equals(DatabaseOutageAdvice.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getMDCPropertyMap()).containsEntry(CorrelationId.MDC_KEY, correlationId);
                    assertThat(event.getFormattedMessage()).contains("503").contains(text);
                });
    }

    static DataAccessResourceFailureException translatedOutage() {
        MongoTimeoutException timeout = new MongoTimeoutException("Timed out after 1000 ms while waiting for a "
                + "server that matches ReadPreferenceServerSelector{readPreference=primary}");
        return new DataAccessResourceFailureException(timeout.getMessage(), timeout);
    }

    /** A service's exception that happens to wrap an outage, answered by its own advice. */
    static class OwnException extends RuntimeException {
        OwnException(Throwable cause) {
            super("the service's own failure", cause);
        }
    }

    @SpringBootConfiguration
    @ImportAutoConfiguration({JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ThymeleafAutoConfiguration.class,
            WebRequestGuardAutoConfiguration.class})
    @Import({TestApplication.Things.class, TestApplication.Page.class, TestApplication.OwnProblems.class})
    static class TestApplication {

        @RestController
        static class Things {

            @GetMapping("/api/things")
            String read() {
                throw translatedOutage();
            }

            @GetMapping("/api/things/untranslated")
            String untranslated() {
                throw new UncategorizedMongoDbException("Exception opening socket", new MongoSocketOpenException(
                        "Exception opening socket", new ServerAddress(), new ConnectException("Connection refused")));
            }

            @GetMapping("/api/things/own")
            String own() {
                throw new OwnException(translatedOutage());
            }
        }

        @Controller
        static class Page {

            @GetMapping("/page")
            String page() {
                throw translatedOutage();
            }
        }

        @RestControllerAdvice(assignableTypes = Things.class)
        static class OwnProblems {

            @ExceptionHandler
            ProblemDetail own(OwnException e) {
                return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
            }
        }
    }
}
