package de.nachruecker.support.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Documents of a consumer's batch inserted with one round trip, where a redelivered record meets its document stored
 * before: unordered, so every other insert of the batch applies, and a duplicate key is reported, not thrown.
 */
public final class BulkInserts {

    private BulkInserts() {
    }

    /**
     * Inserts {@code documents} of {@code type}.
     *
     * @return the positions in {@code documents} whose insert met a duplicate key (nothing written for them); the
     *         caller decides whether that was a redelivery
     */
    public static Set<Integer> insertAll(MongoTemplate mongo, Class<?> type, List<?> documents) {
        Set<Integer> duplicates = new TreeSet<>();
        if (documents.isEmpty()) {
            return duplicates;
        }
        BulkOperations inserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        documents.forEach(inserts::insert);
        try {
            inserts.execute();
        } catch (BulkOperationException e) {
            for (BulkWriteError error : e.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }
}
