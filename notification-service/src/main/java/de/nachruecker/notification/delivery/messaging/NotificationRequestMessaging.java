package de.nachruecker.notification.delivery.messaging;

import de.nachruecker.events.EventCodec;
import de.nachruecker.events.notification.NotificationRequested;
import de.nachruecker.notification.delivery.application.AcceptingNotificationRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Consumes {@code notification-requests}. */
@Configuration(proxyBeanMethods = false)
class NotificationRequestMessaging {

    @Bean
    Consumer<Message<byte[]>> notificationRequests(AcceptingNotificationRequests accepting, EventCodec codec) {
        return message -> accepting.accept(codec.decode(message.getPayload(), NotificationRequested.class));
    }
}
