package de.nachruecker.allocation.offer.application;

import de.nachruecker.events.notification.NotificationRequested;

/**
 * Messages to a candidate requested at once rather than through an offer's outbox: used where the offer's state does
 * not change (a yes that found the offer ended), so there is no write to carry them. A repeat has the same
 * notification id, so notification-service sends it once.
 */
public interface Notifications {

    void request(NotificationRequested message);
}
