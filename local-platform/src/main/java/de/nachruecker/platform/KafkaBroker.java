package de.nachruecker.platform;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run from the Maven Central jars as a
 * child process. Its log directory is formatted once and kept, so topics and offsets survive a restart.
 */
final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private ChildProcess process;

    KafkaBroker(Path dataDir, int port, Path logDir) {
        this.dir = dataDir.resolve("kafka");
        this.port = port;
        this.controllerPort = port + 1;
        this.logFile = logDir.resolve("kafka.log");
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    void start(Duration timeout) throws IOException, InterruptedException {
        Path logDirs = dir.resolve("logs");
        Files.createDirectories(logDirs);
        Path config = writeServerProperties(logDirs);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.java("kafka-format", List.of("-Xmx256m"),
                    List.of("kafka.tools.StorageTool", "format", "--standalone", "--ignore-formatted",
                            "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                    Map.of(), logFile);
            int exit = format.waitFor(timeout);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed, see " + logFile);
            }
        }
        process = ChildProcess.java("kafka", List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"),
                List.of("kafka.Kafka", config.toString()), Map.of(), logFile);
        Ports.awaitListening("Kafka", port, process, timeout);
    }

    private Path writeServerProperties(Path logDirs) {
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            out.write(String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                    "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://localhost:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + logDirs.toAbsolutePath(),
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    // one node: no reason to wait for more group members before the first rebalance
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }
}
