package de.nachruecker.platform;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The outside world the platform talks to — an SMTP server (GreenMail) and the {@link StandInSmsGateway} — in a child
 * JVM with a capped heap, like the database: under load they hold every message received, and in the launcher's own
 * JVM (whose heap the Quick start command cannot cap) they grew it from 100 to over 500 MB.
 */
public final class StandInsProcess implements AutoCloseable {

    /** The SMS ring of {@value StandInSmsGateway#RETAINED} messages fits; pollers fetch only what is new ({@code ?since=}). */
    static final List<String> JVM_OPTIONS = List.of("-Xms16m", "-Xmx96m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    /**
     * Mails kept before GreenMail's store is emptied. Nothing reads them back (the SMTP server offers no IMAP here;
     * notification-service's {@code /outbox} shows what was sent), so the cap only bounds the heap.
     */
    static final int RETAINED_MAILS = 2_000;
    private static final Duration MAIL_CHECK = Duration.ofSeconds(10);

    private final int smtpPort;
    private final int smsPort;
    private final Path logFile;
    private ChildProcess process;

    public StandInsProcess(int smtpPort, int smsPort, Path logFile) {
        this.smtpPort = smtpPort;
        this.smsPort = smsPort;
        this.logFile = logFile;
    }

    /** Starts the child and waits until both servers accept connections. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        for (int port : new int[] {smtpPort, smsPort}) {
            if (Ports.isListening(port)) {
                throw new IllegalStateException("port " + port + " of the SMTP server or SMS stand-in is in use");
            }
        }
        process = ChildProcess.java("stand-ins", JVM_OPTIONS, List.of(StandInsProcess.class.getName(),
                Integer.toString(smtpPort), Integer.toString(smsPort)), Map.of(), logFile);
        Ports.awaitListening("the SMTP server", smtpPort, process, timeout);
        Ports.awaitListening("the SMS gateway stand-in", smsPort, process, timeout);
    }

    public String smsBaseUrl() {
        return "http://localhost:" + smsPort;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    /** The child: {@code <smtp port> <sms port>}; serves until SIGTERM. */
    public static void main(String[] args) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        StandInSmsGateway sms = new StandInSmsGateway(Integer.parseInt(args[1]));
        ScheduledExecutorService mailCap = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mailCap.shutdownNow();
            sms.close();
            smtp.stop();
            stopped.countDown();
        }, "stand-ins-shutdown"));
        smtp.start();
        sms.start();
        mailCap.scheduleWithFixedDelay(() -> capMails(smtp), MAIL_CHECK.toSeconds(), MAIL_CHECK.toSeconds(),
                TimeUnit.SECONDS);
        System.out.println("SMTP on port " + args[0] + ", SMS and voice gateway stand-in on port " + args[1]);
        stopped.await();
    }

    private static void capMails(GreenMail smtp) {
        if (smtp.getManagers().getImapHostManager().getAllMessages().size() > RETAINED_MAILS) {
            try {
                smtp.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                System.err.println("could not empty the mail store: " + e.getMessage());
            }
        }
    }
}
