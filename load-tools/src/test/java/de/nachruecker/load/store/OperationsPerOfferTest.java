package de.nachruecker.load.store;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OperationsPerOfferTest {

    @Test
    void aWindowHoldsWhatWasAskedMeanwhileOnly() {
        var before = Map.of("slot", Map.of("insert", new DatabaseOperations.Count(10, 10),
                "find", new DatabaseOperations.Count(5, 5)));
        var after = Map.of("slot", Map.of("insert", new DatabaseOperations.Count(14, 40),
                "find", new DatabaseOperations.Count(5, 5)),
                "allocation", Map.of("update", new DatabaseOperations.Count(3, 6)));

        var window = DatabaseOperations.between(before, after);

        assertThat(window).isEqualTo(Map.of("slot", Map.of("insert", new DatabaseOperations.Count(4, 30)),
                "allocation", Map.of("update", new DatabaseOperations.Count(3, 6))));
        assertThat(DatabaseOperations.commands(window)).isEqualTo(7);
    }

    @Test
    void theStoreFloorAddsTheTimeOfEachCommandOfAnOffer() {
        // 2 inserts at 100/s (20 ms) + 1 aggregate charged at find's 1,000/s (1 ms): 21 ms an offer
        double offers = StoreFloor.offersPerSecond(Map.of("insert", 2.0, "aggregate", 1.0),
                Map.of("insert", 100.0, "find", 1000.0));

        assertThat(offers).isCloseTo(1 / 0.021, within(1e-9));
    }
}
