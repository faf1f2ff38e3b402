package de.nachruecker.notification.delivery.model;

import de.nachruecker.events.notification.MessageTemplate;

/**
 * Which due deliveries go out first. An offer's answer deadline starts when the offer is made, so a backlog of
 * confirmations, too-late notes or receipts must not hold it back; everything else goes by due time.
 */
public final class DeliveryPriority {

    /** The rank of offers; lower ranks are claimed first. */
    public static final int FIRST = 0;
    static final int AFTER_OFFERS = 1;

    private DeliveryPriority() {
    }

    public static int rank(MessageTemplate template) {
        return template == MessageTemplate.OFFER ? FIRST : AFTER_OFFERS;
    }
}
