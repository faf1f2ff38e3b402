package de.nachruecker.support.correlation;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

import java.nio.charset.StandardCharsets;

/**
 * Puts the correlation id of a consumed record into the logging context while its consumer runs, so that the log
 * lines and the events the consumer causes carry it on. Consumer input channels are direct: the consumer runs on
 * this thread between {@code preSend} and {@code afterSendCompletion}.
 */
public class CorrelationIdChannelInterceptor implements ChannelInterceptor {

    private static final ThreadLocal<CorrelationId.Scope> SCOPE = new ThreadLocal<>();

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SCOPE.set(CorrelationId.open(headerValue(message.getHeaders().get(CorrelationId.KAFKA_HEADER))));
        return message;
    }

    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        CorrelationId.Scope scope = SCOPE.get();
        if (scope != null) {
            SCOPE.remove();
            scope.close();
        }
    }

    private static String headerValue(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
