package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;

/**
 * Which due deliveries go out first. An offer's answer deadline starts when the offer is made, so a backlog of
 * confirmations, too-late notes or receipts must not hold it back; everything else goes by due time.
 */
public final class DeliveryPriority {

    private static final int OFFERS = 0;
    private static final int OTHERS = 1;

    private DeliveryPriority() {
    }

    /** @return the rank of the template; lower ranks are claimed first */
    public static int rank(MessageTemplate template) {
        return template == MessageTemplate.OFFER ? OFFERS : OTHERS;
    }
}
