package de.nachruecker.registration.offer.persistence;

import de.nachruecker.events.DomainEvent;
import de.nachruecker.events.EventCodec;
import de.nachruecker.events.Topics;
import de.nachruecker.registration.offer.application.Offers;
import de.nachruecker.registration.offer.model.Offer;
import de.nachruecker.registration.offer.model.OfferState;
import de.nachruecker.support.outbox.OutboxRelay;
import de.nachruecker.support.outbox.PendingEvent;
import de.nachruecker.support.persistence.BulkInserts;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Offers in MongoDB, one document each; the answer and its event are one single-document write. */
@Repository
class MongoOffers implements Offers, InitializingBean {

    static final String COLLECTION = "offers";
    static final String TOKEN_INDEX = "offer_token_hash_unique";

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final EventCodec codec;

    MongoOffers(MongoTemplate mongo, OutboxRelay outboxRelay, EventCodec codec) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.codec = codec;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(
                new Index().on("tokenHash", Sort.Direction.ASC).unique().named(TOKEN_INDEX));
    }

    @Override
    public List<Offer> addAll(List<MadeOffer> made) {
        Set<Integer> known = BulkInserts.insertAll(mongo, OfferDocument.class, made.stream().map(m -> {
            Offer offer = m.offer();
            return new OfferDocument(offer.offerId(), m.tokenHash(), offer.releaseId(), offer.candidateId(),
                    offer.centreId(), offer.product(), offer.windowFrom(), offer.windowTo(), offer.answerDeadline(),
                    offer.state(), offer.answer(), null, List.of(), offer.reference());
        }).toList());
        if (!known.isEmpty()) {
            List<String> ids = known.stream().map(i -> made.get(i).offer().offerId()).distinct().toList();
            Query byIds = Query.query(Criteria.where("_id").in(ids));
            byIds.fields().include("_id");
            if (mongo.find(byIds, OfferDocument.class).size() != ids.size()) {
                // a clash of 256-bit token hashes: not a redelivery
                throw new IllegalStateException("an offer of " + ids + " clashes with another offer's token hash");
            }
        }
        List<Offer> added = new ArrayList<>();
        for (int i = 0; i < made.size(); i++) {
            if (!known.contains(i)) {
                added.add(made.get(i).offer());
            }
        }
        return added;
    }

    @Override
    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(mongo.findById(offerId, OfferDocument.class)).map(MongoOffers::toDomain);
    }

    @Override
    public Optional<Offer> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tokenHash").is(tokenHash)),
                OfferDocument.class)).map(MongoOffers::toDomain);
    }

    @Override
    public List<Offer> findUndecidedOf(String candidateId) {
        return mongo.find(Query.query(Criteria.where("candidateId").is(candidateId)
                                .and("state").in(OfferState.OPEN, OfferState.ANSWERED))
                        .with(Sort.by("answerDeadline")), OfferDocument.class).stream()
                .map(MongoOffers::toDomain).toList();
    }

    @Override
    public Optional<Offer> answer(Offer answered, Instant now, DomainEvent event) {
        Query open = Query.query(Criteria.where("_id").is(answered.offerId())
                .and("state").is(OfferState.OPEN)
                .and("answerDeadline").gt(now));
        Update update = new Update()
                .set("state", answered.state())
                .set("answer", answered.answer())
                .set("answeredAt", now)
                .push(OutboxRelay.FIELD, PendingEvent.of(Topics.OFFER_ANSWERS, event, codec));
        OfferDocument stored = mongo.findAndModify(open, update, FindAndModifyOptions.options().returnNew(true),
                OfferDocument.class);
        if (stored == null) {
            return Optional.empty();
        }
        outboxRelay.relayAsync(COLLECTION, answered.offerId());
        return Optional.of(toDomain(stored));
    }

    @Override
    public boolean changeState(Offer current, Offer next) {
        Update update = new Update().set("state", next.state());
        if (next.reference() != null) {
            update.set("reference", next.reference());
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(current.offerId())
                        .and("state").is(current.state())), update, OfferDocument.class).getMatchedCount() == 1;
    }

    @Override
    public Optional<Offer> findAppointmentOf(String candidateId) {
        return mongo.find(Query.query(Criteria.where("candidateId").is(candidateId)
                                .and("state").is(OfferState.CONFIRMED))
                        .with(Sort.by(Sort.Direction.DESC, "windowFrom")).limit(1), OfferDocument.class).stream()
                .map(MongoOffers::toDomain).findFirst();
    }

    @Override
    public boolean cancel(Offer appointment, DomainEvent event) {
        Offer cancelled = appointment.cancelled();
        boolean changed = mongo.updateFirst(Query.query(Criteria.where("_id").is(appointment.offerId())
                        .and("state").is(OfferState.CONFIRMED)),
                new Update().set("state", cancelled.state())
                        .push(OutboxRelay.FIELD, PendingEvent.of(Topics.OFFER_ANSWERS, event, codec)),
                OfferDocument.class).getModifiedCount() == 1;
        if (changed) {
            outboxRelay.relayAsync(COLLECTION, appointment.offerId());
        }
        return changed;
    }

    private static Offer toDomain(OfferDocument document) {
        return new Offer(document.id(), document.releaseId(), document.candidateId(), document.centreId(),
                document.product(), document.windowFrom(), document.windowTo(), document.answerDeadline(),
                document.state(), document.answer(), document.reference());
    }
}
