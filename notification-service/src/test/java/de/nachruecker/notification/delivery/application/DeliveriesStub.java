package de.nachruecker.notification.delivery.application;

import de.nachruecker.notification.delivery.model.Delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A store for unit tests: each test overrides what its use case calls; anything else is a call it must not make. */
abstract class DeliveriesStub implements Deliveries {

    @Override
    public boolean insertIfAbsent(Delivery delivery) {
        throw unexpected();
    }

    @Override
    public Set<String> insertAllIfAbsent(List<Delivery> deliveries) {
        throw unexpected();
    }

    @Override
    public Optional<Delivery> find(String notificationId) {
        throw unexpected();
    }

    @Override
    public Map<String, Delivery> findAll(Collection<String> notificationIds) {
        throw unexpected();
    }

    @Override
    public List<Due> findDue(Instant now, int limit) {
        throw unexpected();
    }

    @Override
    public List<Claimed> claimAllIfDue(List<String> notificationIds, Instant now, Duration lease) {
        throw unexpected();
    }

    @Override
    public Set<String> completeAll(Collection<Completion> completions) {
        throw unexpected();
    }

    private static UnsupportedOperationException unexpected() {
        return new UnsupportedOperationException("not a call this use case makes here");
    }
}
