package de.nachruecker.load.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.util.Map;
import java.util.TreeMap;

/**
 * The database server's own count of its clients' commands ({@code serverStatus} → {@code opcountersByClient} of the
 * local platform's server): by client (a service's database) and command, or collection and command, how many round
 * trips and how many documents they carried.
 */
public final class DatabaseOperations {

    /** Commands of one client and command name. */
    public record Count(long commands, long documents) {

        Count minus(Count earlier) {
            return new Count(commands - earlier.commands, documents - earlier.documents);
        }
    }

    private DatabaseOperations() {
    }

    /** {@code client → command → count}; empty when the server keeps no such counts (e.g. a real MongoDB). */
    public static Map<String, Map<String, Count>> read(String mongoUri) {
        return read(mongoUri, "opcountersByClient");
    }

    /** {@code client → "collection command" → count}: which of a client's paths the round trips belong to. */
    public static Map<String, Map<String, Count>> readByCollection(String mongoUri) {
        return read(mongoUri, "opcountersByCollection");
    }

    private static Map<String, Map<String, Count>> read(String mongoUri, String section) {
        Map<String, Map<String, Count>> counts = new TreeMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
            Document byClient = status.get(section, Document.class);
            if (byClient == null) {
                return counts;
            }
            byClient.forEach((name, commands) -> ((Document) commands).forEach((command, count) -> {
                Document numbers = (Document) count;
                counts.computeIfAbsent(name, ignored -> new TreeMap<>()).put(command, new Count(
                        numbers.get("commands", Number.class).longValue(),
                        numbers.get("documents", Number.class).longValue()));
            }));
        }
        return counts;
    }

    /** What was asked between two readings; commands not asked meanwhile are left out. */
    public static Map<String, Map<String, Count>> between(Map<String, Map<String, Count>> before,
                                                          Map<String, Map<String, Count>> after) {
        Map<String, Map<String, Count>> asked = new TreeMap<>();
        after.forEach((client, commands) -> commands.forEach((command, count) -> {
            Count earlier = before.getOrDefault(client, Map.of()).getOrDefault(command, new Count(0, 0));
            Count delta = count.minus(earlier);
            if (delta.commands() > 0) {
                asked.computeIfAbsent(client, ignored -> new TreeMap<>()).put(command, delta);
            }
        }));
        return asked;
    }

    /** Round trips in total. */
    public static long commands(Map<String, Map<String, Count>> counts) {
        return counts.values().stream().flatMap(commands -> commands.values().stream()).mapToLong(Count::commands)
                .sum();
    }
}
