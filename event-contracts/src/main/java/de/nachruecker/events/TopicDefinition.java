package de.nachruecker.events;

/**
 * A topic as the platform creates it: explicitly, with its partition count and cleanup policy, never by
 * auto-creation.
 *
 * @param name           the topic name
 * @param partitions     default partition count (a deployment may raise it)
 * @param compacted      {@code true} for topics that keep the latest value per key and erase on a tombstone
 * @param partitionKey   what the record key is, for documentation and for producers
 */
public record TopicDefinition(String name, int partitions, boolean compacted, String partitionKey) {

    public TopicDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
    }

    /** Where records go that a consumer of this topic could not process, with the reason in the headers. */
    public TopicDefinition deadLetters() {
        return new TopicDefinition(Topics.deadLettersOf(name), 1, false, partitionKey);
    }
}
