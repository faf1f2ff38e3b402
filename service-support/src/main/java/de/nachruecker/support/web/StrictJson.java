package de.nachruecker.support.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.Temporal;

/**
 * The HTTP API reads JSON strictly: a value is taken only in the shape its field declares. Jackson's defaults coerce
 * quietly, and each coercion hid a typo: {@code "doseCount": 1.5} became 1 dose, {@code "3"} became 3, {@code 42} for
 * a text became {@code "42"}, {@code "true"} or {@code 1} became {@code true}, a number for an instant became epoch
 * seconds. Refused now:
 * <ul>
 *   <li>fractions, strings and booleans for whole numbers;</li>
 *   <li>strings and booleans for numbers (a whole number for a decimal field is fine: it is the same number);</li>
 *   <li>numbers and booleans for texts, numbers and strings for booleans, numbers for enums;</li>
 *   <li>numbers and arrays for dates, times and durations (ISO-8601 strings only);</li>
 *   <li>{@code null} for primitives, an empty string for anything but a text.</li>
 * </ul>
 * Events are read by {@code EventCodec}'s own mapper, which stays tolerant, so producers can evolve.
 */
public final class StrictJson {

    private StrictJson() {
    }

    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfigDefaults(config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // 2 for a decimal field is the number 2.0, not a coercion
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
                .addModule(new SimpleModule("strict-java-time").setDeserializerModifier(new TextOnlyJavaTime()));
    }

    /** Jackson reads instants and durations from numbers (epoch seconds) and dates from arrays; only text is taken. */
    private static final class TextOnlyJavaTime extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                                                       BeanDescription.Supplier description,
                                                       ValueDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            boolean javaTime = Temporal.class.isAssignableFrom(type) || Duration.class.equals(type)
                    || Period.class.equals(type) || ZoneId.class.isAssignableFrom(type);
            return javaTime && type.getName().startsWith("java.time.") ? new TextOnly(type, deserializer) : deserializer;
        }
    }

    private static final class TextOnly extends DelegatingDeserializer {

        private final Class<?> type;

        TextOnly(Class<?> type, ValueDeserializer<?> delegate) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new TextOnly(type, delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.reportInputMismatch(type, "Cannot read `%s` from %s: only an ISO-8601 string",
                        type.getName(), parser.currentToken());
            }
            return super.deserialize(parser, context);
        }
    }
}
