package de.nachruecker.notification.delivery.persistence;

import de.nachruecker.notification.delivery.model.Delivery;
import de.nachruecker.notification.delivery.model.DeliveryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Versions before this one kept the raw answer token and verification code of a delivery after it was sent. At start
 * they are removed from every finished delivery (one update; nothing to do once a store has been through it). New
 * outcomes drop them in the write that records them ({@link MongoDeliveries#complete}).
 */
@Component
class FinishedDeliverySecrets implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FinishedDeliverySecrets.class);

    private final MongoTemplate mongo;

    FinishedDeliverySecrets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        Criteria[] holdsASecret = Delivery.SECRET_PARAMETERS.stream()
                .map(name -> where("parameters." + name).exists(true)).toArray(Criteria[]::new);
        Query finishedWithSecret = Query.query(where("state").in(DeliveryState.SENT, DeliveryState.FAILED)
                .orOperator(holdsASecret));
        Update erase = new Update();
        Delivery.SECRET_PARAMETERS.forEach(name -> erase.unset("parameters." + name));
        long erased = mongo.updateMulti(finishedWithSecret, erase, DeliveryDocument.COLLECTION).getModifiedCount();
        if (erased > 0) {
            log.info("removed the raw answer token or verification code from {} finished deliveries", erased);
        }
    }
}
