package de.nachruecker.allocation.offer.model;

import de.nachruecker.allocation.pool.model.PoolCandidate;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Walks ranked candidates and yields only the eligible ones, lazily, so a wave stops as soon as it is full. */
public final class OfferPlanner {

    private final Eligibility eligibility;

    public OfferPlanner(Eligibility eligibility) {
        this.eligibility = eligibility;
    }

    public Iterator<PoolCandidate> eligibleInOrder(Iterator<PoolCandidate> ranked, OfferContext context) {
        return new Iterator<>() {
            private PoolCandidate next = advance();

            private PoolCandidate advance() {
                while (ranked.hasNext()) {
                    PoolCandidate candidate = ranked.next();
                    if (eligibility.admits(candidate, context)) {
                        return candidate;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public PoolCandidate next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                PoolCandidate result = next;
                next = advance();
                return result;
            }
        };
    }
}
