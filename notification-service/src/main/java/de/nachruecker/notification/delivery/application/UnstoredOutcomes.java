package de.nachruecker.notification.delivery.application;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries whose outcome this instance knows (a message may already be with the carrier) but the store has
 * not taken yet: {@link DeliveringNotifications} writes them again, and {@link DueDeliveries} does not claim them
 * meanwhile, even once their lease has run out, so this instance never sends them a second time. Thread-safe.
 */
public final class UnstoredOutcomes {

    private final Set<String> notificationIds = ConcurrentHashMap.newKeySet();

    /** Whether the outcome of this delivery waits for the store here. */
    public boolean contains(String notificationId) {
        return notificationIds.contains(notificationId);
    }

    /** How many outcomes wait for the store. */
    public int size() {
        return notificationIds.size();
    }

    void addAll(Collection<String> ids) {
        notificationIds.addAll(ids);
    }

    void removeAll(Collection<String> ids) {
        notificationIds.removeAll(ids);
    }
}
