package de.nachruecker.events;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps asyncapi.yaml equal to the event records, so the published schema cannot drift from the code. */
class AsyncApiDocumentTest {

    private static Map<String, Object> document;
    private static Map<String, Object> schemas;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            document = new Yaml().load(in);
        }
        schemas = map(map(document.get("components")).get("schemas"));
    }

    static List<Class<?>> events() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainEvent.class));
        List<Class<?>> events = new java.util.ArrayList<>();
        for (var candidate : scanner.findCandidateComponents("de.nachruecker.events")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.isRecord()) {
                events.add(type);
            }
        }
        return events;
    }

    @Test
    void findsTheEvents() throws ClassNotFoundException {
        assertThat(events()).hasSizeGreaterThanOrEqualTo(9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventHasASchemaWithItsFieldsAndVersionedType(Class<?> event) throws ReflectiveOperationException {
        Map<String, Object> schema = schemaOf(event.getSimpleName());
        Map<String, Object> properties = map(schema.get("properties"));
        Set<String> expected = componentNames(event);
        expected.add("type");
        assertThat(properties.keySet()).as("properties of %s", event.getSimpleName()).isEqualTo(expected);
        String type = (String) event.getField("TYPE").get(null);
        assertThat(map(properties.get("type")).get("const")).isEqualTo(type);
        assertThat(list(schema.get("required"))).as("required of %s", event.getSimpleName())
                .contains("type", "eventId", "occurredAt").isSubsetOf(expected);
        checkComponents(event, properties);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventHasAMessageOnExactlyOneChannel(Class<?> event) throws ReflectiveOperationException {
        String simpleName = event.getSimpleName();
        Map<String, Object> message = map(map(map(document.get("components")).get("messages")).get(simpleName));
        assertThat(message).as("message %s", simpleName).isNotNull();
        assertThat(message.get("name")).isEqualTo(event.getField("TYPE").get(null));
        long channels = map(document.get("channels")).values().stream()
                .map(channel -> map(map(channel).get("messages")))
                .filter(messages -> messages != null && messages.containsKey(simpleName))
                .count();
        assertThat(channels).as("channels carrying %s", simpleName).isEqualTo(1);
    }

    @Test
    void channelsAreExactlyThePlatformTopics() {
        Set<String> addresses = map(document.get("channels")).values().stream()
                .map(channel -> (String) map(channel).get("address"))
                .collect(Collectors.toSet());
        Set<String> topics = Topics.eventTopics().stream().map(TopicDefinition::name).collect(Collectors.toSet());
        assertThat(addresses).isEqualTo(topics);
    }

    /** Nested records must reference a schema with the same fields; enums must list the same constants. */
    private static void checkComponents(Class<?> record, Map<String, Object> properties) {
        for (RecordComponent component : record.getRecordComponents()) {
            Map<String, Object> property = map(properties.get(component.getName()));
            Class<?> type = elementType(component.getGenericType());
            if (type.isRecord()) {
                String ref = (String) property.get("$ref");
                assertThat(ref).as("%s.%s refers to a schema", record.getSimpleName(), component.getName())
                        .isEqualTo("#/components/schemas/" + type.getSimpleName());
                Map<String, Object> nested = schemaOf(type.getSimpleName());
                assertThat(map(nested.get("properties")).keySet()).isEqualTo(componentNames(type));
                checkComponents(type, map(nested.get("properties")));
            } else if (type.isEnum()) {
                Map<String, Object> enumSchema = property.containsKey("$ref")
                        ? schemaOf(((String) property.get("$ref")).substring("#/components/schemas/".length()))
                        : property;
                Set<String> constants = Arrays.stream(type.getEnumConstants()).map(Object::toString)
                        .collect(Collectors.toSet());
                // a nullable enum lists null beside the constants
                assertThat(list(enumSchema.get("enum")).stream().filter(java.util.Objects::nonNull)
                        .collect(Collectors.toSet()))
                        .as("%s.%s values", record.getSimpleName(), component.getName()).isEqualTo(constants);
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            return (Class<?>) parameterized.getActualTypeArguments()[0];
        }
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Map<String, Object> schemaOf(String name) {
        Map<String, Object> schema = map(schemas.get(name));
        assertThat(schema).as("schema %s in asyncapi.yaml", name).isNotNull();
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
