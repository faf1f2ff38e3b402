package de.nachruecker.allocation.config;

import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.Set;

/** Drops indexes an earlier version created and this one no longer wants: each one costs a write per document write. */
public final class ObsoleteIndexes {

    private ObsoleteIndexes() {
    }

    public static void drop(IndexOperations indexes, String... names) {
        Set<String> obsolete = Set.of(names);
        indexes.getIndexInfo().stream().filter(index -> obsolete.contains(index.getName()))
                .forEach(index -> indexes.dropIndex(index.getName()));
    }
}
