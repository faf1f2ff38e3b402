package de.nachruecker.load.kafka;

import de.nachruecker.load.Threads;
import de.nachruecker.load.stats.LatencySummary;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * The broker floor the pipeline is compared with, on the platform's own broker: plain clients, no service code.
 * Topics are named {@code bench.*} and have the platform's 6 partitions; records are 300 bytes, like an event.
 */
public final class RawKafka {

    static final int RECORD_BYTES = 300;
    private static final int PARTITIONS = 6;
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(3);

    private final String bootstrapServers;

    public RawKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Produce then consume rates (records/s) of {@code count} records, producer batching as Kafka defaults. */
    public record Throughput(int count, double producedPerSecond, double consumedPerSecond) {
    }

    /**
     * Three hops like the pipeline (release → offer → notification request): a producer at {@code ratePerSecond}
     * writes to hop 1, two forwarders consume and re-produce synchronously to hops 2 and 3 (as the services send),
     * a consumer on hop 3 measures from the first send. Linger 0, acks=all, idempotent: the services' settings.
     */
    public LatencySummary threeHopLatency(int ratePerSecond, Duration duration)
            throws InterruptedException, ExecutionException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> hops = List.of("bench.hop1." + run, "bench.hop2." + run, "bench.hop3." + run);
        createTopics(hops);
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Loop> loops = new ArrayList<>();
        loops.add(new Loop(hops.get(0), hops.get(1), null));
        loops.add(new Loop(hops.get(1), hops.get(2), null));
        loops.add(new Loop(hops.get(2), null,
                record -> latencies.add((System.nanoTime() - ByteBuffer.wrap(record.value()).getLong()) / 1e6)));
        loops.forEach(Loop::start);
        long count = duration.toSeconds() * ratePerSecond;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers))) {
            long start = System.nanoTime();
            long interval = 1_000_000_000L / ratePerSecond;
            for (long i = 0; i < count; i++) {
                LockSupport.parkNanos(start + i * interval - System.nanoTime());
                producer.send(new ProducerRecord<>(hops.get(0), Long.toString(i), stamped()));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latencies.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (Loop loop : loops) {
            loop.close();
        }
        return LatencySummary.of(List.copyOf(latencies));
    }

    public Throughput throughput(int count) throws InterruptedException, ExecutionException {
        String topic = "bench.throughput." + UUID.randomUUID().toString().substring(0, 8);
        createTopics(List.of(topic));
        byte[] value = new byte[RECORD_BYTES];
        Properties batching = KafkaClients.producer(bootstrapServers);
        batching.remove(ProducerConfig.LINGER_MS_CONFIG);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(batching);
        long produceStart;
        try {
            // KAFKA-14359: on a partition without producer state, a first batch that fails retriably while a later one
            // succeeds is retried forever with OUT_OF_ORDER_SEQUENCE_NUMBER (seen on the fresh topic under load); one
            // acknowledged record per partition first gives each partition that state
            for (int partition = 0; partition < PARTITIONS; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, "prime", value)).get();
            }
            produceStart = System.nanoTime();
            CountDownLatch acknowledged = new CountDownLatch(count);
            AtomicReference<Exception> failed = new AtomicReference<>();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, Integer.toString(i), value), (metadata, e) -> {
                    if (e != null && failed.compareAndSet(null, e)) {
                        // a record the producer gave up on: the measurement is void, no need to wait for the rest
                        while (acknowledged.getCount() > 0) {
                            acknowledged.countDown();
                        }
                    }
                    acknowledged.countDown();
                });
            }
            // bounded: a broker once answered OUT_OF_ORDER_SEQUENCE_NUMBER to one partition in a loop, and the
            // idempotent producer retried it without end
            if (!acknowledged.await(PRODUCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(acknowledged.getCount() + " of " + count
                        + " records not acknowledged within " + PRODUCE_TIMEOUT);
            }
            if (failed.get() != null) {
                throw new IllegalStateException("a record was not produced: " + failed.get(), failed.get());
            }
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
        double produced = count / ((System.nanoTime() - produceStart) / 1e9);
        long consumeStart = System.nanoTime();
        int consumed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.reader(bootstrapServers))) {
            consumer.assign(partitions(consumer, topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < count + PARTITIONS && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return new Throughput(count, produced, consumed / ((System.nanoTime() - consumeStart) / 1e9));
    }

    private byte[] stamped() {
        return ByteBuffer.allocate(RECORD_BYTES).putLong(System.nanoTime()).array();
    }

    private void createTopics(List<String> names) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(names.stream().map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList()).all().get();
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /**
     * One hop: a consumer positioned at the end before anything is produced, that forwards each record to
     * {@code next} with a synchronous send, or hands it to {@code last} on the final hop.
     */
    private final class Loop implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final KafkaProducer<String, byte[]> producer;
        private final String next;
        private final Consumer<ConsumerRecord<String, byte[]>> last;
        private final Thread thread;

        Loop(String topic, String next, Consumer<ConsumerRecord<String, byte[]>> last) {
            this.consumer = new KafkaConsumer<>(KafkaClients.reader(bootstrapServers));
            this.producer = next == null ? null : new KafkaProducer<>(KafkaClients.producer(bootstrapServers));
            this.next = next;
            this.last = last;
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            this.thread = new Thread(this::run, "raw-kafka-" + topic);
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                while (true) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        if (next == null) {
                            last.accept(record);
                        } else {
                            producer.send(new ProducerRecord<>(next, record.key(), record.value())).get();
                        }
                    }
                }
            } catch (WakeupException closing) {
                // close() ends the loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a raw Kafka hop failed", e.getCause());
            } finally {
                consumer.close();
                if (producer != null) {
                    producer.close();
                }
            }
        }

        @Override
        public void close() {
            consumer.wakeup();
            Threads.awaitEnd(thread, Duration.ofSeconds(10));
        }
    }
}
