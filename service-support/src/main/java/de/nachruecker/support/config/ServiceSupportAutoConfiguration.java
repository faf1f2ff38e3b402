package de.nachruecker.support.config;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.TopicDefinition;
import de.nachruecker.events.Topics;
import de.nachruecker.support.centre.CentreCatalogue;
import de.nachruecker.support.correlation.CorrelationIdChannelInterceptor;
import de.nachruecker.support.correlation.CorrelationIdFilter;
import de.nachruecker.support.health.MongoPingHealthIndicator;
import de.nachruecker.support.messaging.CompactionNudge;
import de.nachruecker.support.messaging.EventPublisher;
import de.nachruecker.support.messaging.RecordBatches;
import de.nachruecker.support.outbox.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.integration.config.GlobalChannelInterceptor;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Wiring every service gets by having this module on its classpath. */
@AutoConfiguration
@EnableScheduling
public class ServiceSupportAutoConfiguration {

    private static final Duration DAY = Duration.ofDays(1);

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    CentreCatalogue centreCatalogue(
            @Value("${nachruecker.centres.resource:classpath:catalogue/centres-demo.json}") Resource resource) {
        return CentreCatalogue.load(resource);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(StreamBridge streamBridge, EventCodec codec, Environment environment,
                                  ObjectProvider<ObservationRegistry> observations) {
        return new EventPublisher(streamBridge, codec, relayProducer(environment,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }

    @Bean
    @ConditionalOnMissingBean
    RecordBatches recordBatches(EventCodec codec, EventPublisher publisher, DlqDestinationResolver deadLetters) {
        return new RecordBatches(codec, publisher, deadLetters);
    }

    /**
     * The outbox relay's producer: the binder's brokers and producer settings (idempotent, acks=all, linger 0,
     * timeouts), byte keys and values, an observation per record like the binder's. Not a bean: Boot's own
     * {@link KafkaTemplate} (which {@link CompactionNudge} uses) backs off when there is one.
     */
    static KafkaTemplate<byte[], byte[]> relayProducer(Environment environment, ObservationRegistry observations) {
        Binder binder = Binder.get(environment);
        Map<String, Object> config = new HashMap<>();
        binder.bind("spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
                .ifBound(config::putAll);
        binder.bind("spring.cloud.stream.kafka.binder.producer-properties",
                Bindable.mapOf(String.class, String.class)).ifBound(config::putAll);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty(
                "spring.cloud.stream.kafka.binder.brokers",
                environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092")));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name", "service")
                + "-outbox-relay");
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        template.setObservationEnabled(true);
        template.setObservationRegistry(observations);
        return template;
    }

    /**
     * Creates every platform topic with its partition count and cleanup policy before any binding starts (and, with
     * {@code spring.kafka.admin.modify-topic-configs}, brings existing topics to these settings).
     * <p>
     * Compacted topics hold the (sealed) personal data of candidates: their segments roll after
     * {@code nachruecker.topics.compaction-lag} (1 h) and a record becomes due for compaction at the latest that long
     * after it was written ({@code max.compaction.lag.ms}; also the dirty ratio is tiny), so a withdrawn person's
     * older records are physically removed within about twice that (Kafka rolls a segment on the next append, which
     * {@link CompactionNudge} provides in quiet partitions). The tombstone itself (only the candidate id) is kept 24 h, so that a lagging consumer still
     * sees the erasure. Dead-letter topics keep copies for 7 days (segments of 1 day): of candidate records only
     * ciphertext, unreadable once the person's key is deleted.
     */
    @Bean
    KafkaAdmin.NewTopics platformTopics(@Value("${nachruecker.topics.partitions:0}") int partitionsOverride,
                                        @Value("${nachruecker.topics.replicas:1}") short replicas,
                                        @Value("${nachruecker.topics.compaction-lag:1h}") Duration compactionLag) {
        List<TopicDefinition> topics = Topics.all();
        String lag = Long.toString(compactionLag.toMillis());
        NewTopic[] newTopics = topics.stream()
                .map(topic -> {
                    TopicBuilder builder = TopicBuilder.name(topic.name())
                            .partitions(partitionsOverride > 0 ? partitionsOverride : topic.partitions())
                            .replicas(replicas);
                    if (topic.compacted()) {
                        return builder.compact()
                                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                                .config(TopicConfig.SEGMENT_MS_CONFIG, lag)
                                .config(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, lag)
                                .config(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01")
                                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(DAY.toMillis()))
                                .build();
                    }
                    if (topic.name().endsWith(Topics.deadLettersOf(""))) {
                        return builder
                                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DAY.multipliedBy(7).toMillis()))
                                .config(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(DAY.toMillis()))
                                .build();
                    }
                    return builder.build();
                })
                .toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(newTopics);
    }

    /** Only the producer of the compacted topics (registration-service) turns it on. */
    @Bean
    @ConditionalOnProperty("nachruecker.topics.compaction-nudge")
    CompactionNudge compactionNudge(KafkaTemplate<Object, Object> kafka) {
        return new CompactionNudge(kafka);
    }

    /** Consumers log with, and pass on, the correlation id of the record they process. */
    @Bean
    @GlobalChannelInterceptor(patterns = "*-in-*")
    CorrelationIdChannelInterceptor correlationIdChannelInterceptor() {
        return new CorrelationIdChannelInterceptor();
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Dead letters of {@code <topic>} go to {@code <topic>.dead-letters}, which has one partition, and are counted as
     * {@code messaging.dead-letters{topic}} (registered at zero so that the first one shows as an increase).
     */
    @Bean
    DlqDestinationResolver deadLetterTopics(MeterRegistry meters) {
        Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
        Function<String, Counter> counter = topic -> Counter.builder("messaging.dead-letters")
                .description("Records a consumer could not process, sent to the topic's dead letters")
                .tag("topic", topic).register(meters);
        Topics.eventTopics().forEach(topic -> deadLetters.put(topic.name(), counter.apply(topic.name())));
        return (record, exception) -> {
            deadLetters.computeIfAbsent(record.topic(), counter).increment();
            return Topics.deadLettersOf(record.topic());
        };
    }

    @Bean
    DlqPartitionFunction deadLetterPartition() {
        return (group, record, exception) -> 0;
    }

    /** Named like Boot's own Mongo contributor, which therefore backs off and leaves the key "mongo" to this one. */
    @Bean("mongoHealthContributor")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    @ConditionalOnProperty("nachruecker.outbox.collections")
    OutboxRelay outboxRelay(MongoTemplate mongo, EventPublisher publisher, MeterRegistry meters,
                            @Value("${nachruecker.outbox.collections}") List<String> collections,
                            @Value("${nachruecker.outbox.relay-lanes:4}") int laneCount) {
        List<ThreadPoolTaskExecutor> lanes = new ArrayList<>();
        for (int lane = 1; lane <= laneCount; lane++) {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setThreadNamePrefix("outbox-" + lane + "-");
            executor.setCorePoolSize(1);
            executor.setMaxPoolSize(1);
            // a relay right after a write continues the writer's trace, so the record carries its traceparent
            executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
            executor.setWaitForTasksToCompleteOnShutdown(false);
            executor.setAwaitTerminationSeconds(5);
            executor.initialize();
            lanes.add(executor);
        }
        return new OutboxRelay(mongo, publisher, lanes, collections, meters);
    }
}
