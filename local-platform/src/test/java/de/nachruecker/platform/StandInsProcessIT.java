package de.nachruecker.platform;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP and the SMS stand-in as the launcher runs them: one child JVM, both served on their ports, gone on SIGTERM. */
class StandInsProcessIT {

    @TempDir
    Path logDir;
    private StandInsProcess standIns;

    @AfterEach
    void stop() {
        if (standIns != null) {
            standIns.close();
        }
    }

    @Test
    void acceptsMailAndSmsAndStopsOnSigterm() throws Exception {
        int smtpPort = Ports.free();
        int smsPort = Ports.free();
        standIns = new StandInsProcess(smtpPort, smsPort, logDir.resolve("stand-ins.log"));
        standIns.start(Duration.ofMinutes(1));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(
                        URI.create(standIns.smsBaseUrl() + "/2010-04-01/Accounts/AC1/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B4915123456789&From=Impfzentrum&Body=Hallo"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).isEqualTo(201);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(standIns.smsBaseUrl() + "/messages")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("+4915123456789", "Hallo");

        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "localhost");
        smtp.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
        mail.setFrom(new InternetAddress("noreply@nachruecker.example"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("erika@example.org"));
        mail.setSubject("Test");
        mail.setText("Hallo");
        Transport.send(mail);

        standIns.close();
        assertThat(Ports.isListening(smtpPort)).as("SMTP stopped").isFalse();
        assertThat(Ports.isListening(smsPort)).as("SMS stand-in stopped").isFalse();
    }
}
