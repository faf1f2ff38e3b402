package de.nachruecker.support.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Documents of a batch inserted with one round trip, unordered, so every other insert of the batch applies: a
 * consumer's batch, where a redelivered record meets its document stored before (a duplicate key is reported, not
 * thrown), or a group commit of requests, each of which gets its own outcome.
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
        BulkOperationException failed = insertUnordered(mongo, type, documents);
        if (failed != null) {
            for (BulkWriteError error : failed.getErrors()) {
                if (!isDuplicateKey(error)) {
                    throw failed;
                }
                duplicates.add(error.getIndex());
            }
        }
        return duplicates;
    }

    /**
     * Inserts {@code documents} of {@code type} and reports each one that failed, whatever the reason: every other
     * one is written (unordered), so a batch of independent requests answers each as if it had been alone.
     *
     * @return the write error of each position in {@code documents} whose insert failed; empty if all are written
     * @throws org.springframework.dao.DataAccessException if the write as a whole failed (unreachable database, a
     *                                                     write concern error): nothing is known to be written
     */
    public static Map<Integer, BulkWriteError> insertEach(MongoTemplate mongo, Class<?> type, List<?> documents) {
        Map<Integer, BulkWriteError> errors = new TreeMap<>();
        BulkOperationException failed = insertUnordered(mongo, type, documents);
        if (failed != null) {
            failed.getErrors().forEach(error -> errors.put(error.getIndex(), error));
        }
        return errors;
    }

    /** Whether an insert failed on a unique index (the {@code _id} or another). */
    public static boolean isDuplicateKey(BulkWriteError error) {
        return ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    /** @return the failures of single inserts (by position), or {@code null} if every document is written */
    private static BulkOperationException insertUnordered(MongoTemplate mongo, Class<?> type, List<?> documents) {
        if (documents.isEmpty()) {
            return null;
        }
        BulkOperations inserts = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        documents.forEach(inserts::insert);
        try {
            inserts.execute();
            return null;
        } catch (BulkOperationException e) {
            return e;
        }
    }
}
