package de.nachruecker.systemtest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Random and schema-violating requests for the operations an OpenAPI document describes: path and query parameters
 * with hostile values, bodies that are not JSON, JSON of the wrong shape, or the documented shape with a few fields
 * broken (wrong type, out of range, missing, huge, query operators), and odd headers. Seeded, so a failure can be
 * replayed.
 */
final class RequestFuzzer {

    /** One operation of a service's API. */
    record Operation(String service, String baseUrl, String method, String path, List<Parameter> parameters,
                     JsonNode bodySchema) {

        String name() {
            return service + " " + method + " " + path;
        }
    }

    record Parameter(String name, String in, JsonNode schema) {
    }

    /** A request ready to send: the body is sent as is, with the headers given (Content-Type among them). */
    record FuzzRequest(String method, String url, Map<String, String> headers, byte[] body) {

        String describe() {
            String text = body.length > 300
                    ? new String(body, 0, 300, StandardCharsets.UTF_8) + "… (" + body.length + " bytes)"
                    : new String(body, StandardCharsets.UTF_8);
            return method + " " + url + " headers " + headers + " body " + text;
        }
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final List<String> HOSTILE = List.of("", " ", "null", "0", "-1", "2147483648",
            "99999999999999999999999999", "1e309", "NaN", "-Infinity", "true", "💉🦠", "Ω≈ç√∫˜µ≤", "\u202Eevil",
            "<script>alert(1)</script>", "' OR '1'='1", "{\"$gt\":\"\"}", "$where", "../../../etc/passwd",
            "%00", "\u0000", "\uFFFF", "2021-02-30", "9999-12-31T23:59:59Z", "-000001-01-01", "+4915100000000",
            "korbach", "COMIRNATY", "ACCEPT", "${jndi:ldap://x/a}", "#{7*7}", "\\", "\"", "{}", "[]");
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/json", "application/json; charset=UTF-16", "text/plain", "application/xml", FORM,
            "multipart/form-data; boundary=x", "garbage/&&");
    /** Inputs that still get a 500 from every service (see the module README); only sent when asked for. */
    private static final List<String> WILDCARD_CONTENT_TYPES = List.of("application/*", "*/*");
    private static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/problem+json",
            "text/html", "application/xml", "image/png", "nonsense");

    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Random random;

    RequestFuzzer(Random random) {
        this.random = random;
    }

    /** The operations of an OpenAPI document, those that delete last (so they do not end the others' fixture). */
    static List<Operation> operations(String service, String baseUrl, JsonNode apiDocs) {
        List<Operation> operations = new ArrayList<>();
        List<Operation> deletes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : apiDocs.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey().toUpperCase())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asString(), parameter.path("in").asString(),
                            resolve(apiDocs, parameter.path("schema"))));
                }
                JsonNode body = operation.path("requestBody").path("content").path("application/json")
                        .path("schema");
                Operation op = new Operation(service, baseUrl, method.getKey().toUpperCase(), path.getKey(),
                        parameters, body.isMissingNode() ? null : inline(apiDocs, body, 0));
                (op.method().equals("DELETE") ? deletes : operations).add(op);
            }
        }
        operations.addAll(deletes);
        return operations;
    }

    FuzzRequest next(Operation operation, Map<String, String> credentials) {
        String method = random.nextInt(20) == 0 ? pick(METHODS) : operation.method();
        Map<String, String> headers = new LinkedHashMap<>(credentials);
        if (random.nextInt(10) == 0) {
            headers.put("Authorization", pick(List.of("Bearer " + token(), "Basic " + token(), "Basic",
                    "Bearer", "Negotiate abc", "Basic YWRtaW46d3Jvbmc=")));
        }
        if (random.nextBoolean()) {
            headers.put("Accept", pick(ACCEPTS));
        }
        if (random.nextInt(3) == 0) {
            headers.put("X-Correlation-Id", headerValue());
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept-Language", pick(List.of("en", "de-DE,de;q=0.9", "xx-INVALID;q=2", "*", ";;;")));
        }
        StringBuilder url = new StringBuilder(operation.baseUrl());
        url.append(path(operation));
        url.append(query(operation));
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("header") && random.nextInt(4) != 0) {
                headers.put(parameter.name(), headerValue());
            }
        }
        byte[] body = new byte[0];
        if (operation.bodySchema() != null || random.nextInt(5) == 0) {
            body = body(operation.bodySchema());
            if (random.nextInt(8) != 0) {
                String contentType = random.nextInt(10) == 0 ? pick(WILDCARD_CONTENT_TYPES)
                        : pick(CONTENT_TYPES);
                headers.put("Content-Type", contentType);
                if (contentType.equals(FORM) && random.nextBoolean()) {
                    body = form();
                }
            }
        }
        return new FuzzRequest(method, url.toString(), headers, body);
    }

    private String path(Operation operation) {
        String path = operation.path();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("path")) {
                String value = random.nextInt(4) == 0 ? "" : hostileString();
                path = path.replace("{" + parameter.name() + "}", encode(value.isEmpty() ? "x" : value));
            }
        }
        if (random.nextInt(25) == 0) {
            path += pick(List.of("/", "/..", "/extra", ";jsessionid=1", "%2F..", "//"));
        }
        return path;
    }

    private String query(Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (Parameter parameter : operation.parameters()) {
            if (parameter.in().equals("query") && random.nextBoolean()) {
                String value = random.nextBoolean() ? plausible(parameter.schema(), 0).asString("") : hostileString();
                pairs.add(encode(parameter.name()) + "=" + encode(value));
            }
        }
        if (random.nextInt(5) == 0) {
            String name = hostileString();
            pairs.add(encode(name) + "=" + encode(hostileString()));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private byte[] body(JsonNode schema) {
        int strategy = random.nextInt(100);
        if (schema != null && strategy < 45) {
            return json.writeValueAsBytes(broken(schema));
        }
        if (strategy < 65) {
            return json.writeValueAsBytes(randomJson(0));
        }
        if (strategy < 80) {
            return notJson();
        }
        if (strategy < 88) {
            return new byte[0];
        }
        if (strategy < 93) {
            ArrayNode huge = nodes.arrayNode();
            for (int i = 0; i < 3000; i++) {
                huge.add("x".repeat(100));
            }
            return json.writeValueAsBytes(huge);
        }
        ObjectNode injection = nodes.objectNode();
        injection.set(schema == null ? "id" : firstProperty(schema), nodes.objectNode().put("$ne", (String) null));
        injection.set("$where", nodes.stringNode("sleep(1000)"));
        return json.writeValueAsBytes(injection);
    }

    /** The documented shape, with one to three fields broken. */
    private JsonNode broken(JsonNode schema) {
        JsonNode value = plausible(schema, 0);
        if (!(value instanceof ObjectNode object) || object.isEmpty()) {
            return randomJson(0);
        }
        int breaks = 1 + random.nextInt(3);
        for (int i = 0; i < breaks; i++) {
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.isEmpty() ? "unknown" : pick(names);
            switch (random.nextInt(6)) {
                case 0 -> object.remove(name);
                case 1 -> object.putNull(name);
                case 2 -> object.set(name, randomJson(1));
                case 3 -> object.put(name, "y".repeat(100_000));
                case 4 -> object.put(name, random.nextBoolean() ? Long.MIN_VALUE : -1);
                default -> object.put(name, hostileString());
            }
        }
        return object;
    }

    /** A value that fits the schema as far as types, enums and formats go. */
    private JsonNode plausible(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 4) {
            return nodes.stringNode("x");
        }
        if (schema.has("enum")) {
            JsonNode values = schema.path("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asString("object");
        String format = schema.path("format").asString("");
        switch (type) {
            case "integer":
                return nodes.numberNode(schema.path("minimum").asLong(0) + random.nextInt(10));
            case "number":
                return nodes.numberNode(random.nextDouble() * 100);
            case "boolean":
                return nodes.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    array.add(plausible(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "string":
                return nodes.stringNode(switch (format) {
                    case "date" -> LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12),
                            1 + random.nextInt(28)).toString();
                    case "date-time" -> Instant.now().plusSeconds(random.nextInt(86_400 * 2) - 86_400).toString();
                    case "uuid" -> UUID.randomUUID().toString();
                    default -> token();
                });
            default: {
                ObjectNode object = nodes.objectNode();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    object.set(property.getKey(), plausible(property.getValue(), depth + 1));
                }
                return object;
            }
        }
    }

    private JsonNode randomJson(int depth) {
        int kind = random.nextInt(depth > 2 ? 5 : 7);
        return switch (kind) {
            case 0 -> nodes.nullNode();
            case 1 -> nodes.booleanNode(random.nextBoolean());
            case 2 -> nodes.numberNode(random.nextBoolean() ? random.nextLong() : random.nextDouble() * 1e300);
            case 3, 4 -> nodes.stringNode(hostileString());
            case 5 -> {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(hostileString(), randomJson(depth + 1));
                }
                yield object;
            }
        };
    }

    /** A well-encoded form of hostile values; the other half of form requests carry the undecodable body as is. */
    private byte[] form() {
        List<String> pairs = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
            pairs.add(encode(token()) + "=" + encode(hostileString()));
        }
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] notJson() {
        if (random.nextBoolean()) {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }
        return pick(List.of("{", "{\"a\":", "[1,2", "name=Erika&phone=1", "<xml/>", "\"unterminated",
                "{\"a\":1}{\"b\":2}", "{'single':'quotes'}", "NaN")).getBytes(StandardCharsets.UTF_8);
    }

    private String hostileString() {
        if (random.nextInt(3) == 0) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i >= 0; i--) {
                text.appendCodePoint(random.nextBoolean() ? 32 + random.nextInt(95) : 0xA0 + random.nextInt(0x2000));
            }
            return text.toString();
        }
        return pick(HOSTILE);
    }

    /** Printable ASCII only: the HTTP client refuses control characters in header values. */
    private String headerValue() {
        StringBuilder value = new StringBuilder();
        for (int i = random.nextInt(random.nextInt(10) == 0 ? 300 : 40); i >= 0; i--) {
            value.append((char) (33 + random.nextInt(94)));
        }
        return value.toString();
    }

    private String token() {
        StringBuilder token = new StringBuilder();
        for (int i = 4 + random.nextInt(20); i > 0; i--) {
            token.append((char) ('a' + random.nextInt(26)));
        }
        return token.toString();
    }

    private static String firstProperty(JsonNode schema) {
        return schema.path("properties").propertyNames().stream().findFirst().orElse("id");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode resolve(JsonNode apiDocs, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/") ? apiDocs.at(ref.substring(1)) : schema;
    }

    /** The schema with every reference replaced by what it points to (to a bounded depth). */
    private static JsonNode inline(JsonNode apiDocs, JsonNode schema, int depth) {
        JsonNode resolved = resolve(apiDocs, schema);
        if (depth > 5 || !resolved.isObject()) {
            return resolved;
        }
        ObjectNode copy = ((ObjectNode) resolved).deepCopy();
        JsonNode properties = copy.path("properties");
        if (properties instanceof ObjectNode props) {
            for (String name : new ArrayList<>(props.propertyNames())) {
                props.set(name, inline(apiDocs, props.get(name), depth + 1));
            }
        }
        if (copy.has("items")) {
            copy.set("items", inline(apiDocs, copy.get("items"), depth + 1));
        }
        return copy;
    }
}
