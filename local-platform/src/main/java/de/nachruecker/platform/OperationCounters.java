package de.nachruecker.platform;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The database server's own count of what its clients ask, so a benchmark reads the operations per offer from the
 * server instead of estimating them: every command, by the client that sent it and the command's name, and the
 * documents it carried (an insert, update or delete command of many statements is one round trip of several writes).
 *
 * <p>A client is named by its connection's database: each service has a database of its name, and a connection of
 * a service's pool only ever works for that service. The key vault ({@code key-vault}) is shared, so a connection's
 * commands on it count for the service whose database that connection also uses. Only names of databases and
 * commands are kept, never a filter or a value.
 *
 * <p>Read with {@code db.runCommand({serverStatus: 1})}: the reply's {@code opcounters} (as a MongoDB server keeps
 * them), {@code opcountersByClient} ({@code client → command → [commands, documents]}) and
 * {@code opcountersByCollection} ({@code client → "collection command" → [commands, documents]}, a shared database's
 * collection named with its database), which says which of a service's paths the round trips belong to.
 */
final class OperationCounters implements MongoBackend {

    /** Databases a connection may use besides its own: they do not name the client. */
    private static final Set<String> SHARED = Set.of("admin", "key-vault", "config", "local");
    private static final String UNNAMED = "(no database of its own)";

    private final MongoBackend delegate;
    private final Map<Channel, Connection> connections = new ConcurrentHashMap<>();
    /** Counts of connections that have closed, by the client they were attributed to then. */
    private final Map<String, Map<String, Count>> closed = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Count>> closedByCollection = new ConcurrentHashMap<>();

    OperationCounters(MongoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        Document reply = delegate.handleCommand(channel, database, command, query);
        return counted(channel, database, command, query, reply);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        Document reply = delegate.handleMessage(message);
        return counted(message.getChannel(), message.getDatabaseName(), command, query, reply);
    }

    private Document counted(Channel channel, String database, String command, Document query, Document reply) {
        if (command.equalsIgnoreCase("serverStatus") && reply != null) {
            reply.put("opcounters", opcounters());
            reply.put("opcountersByClient", byClient());
            reply.put("opcountersByCollection", byCollection());
            return reply;
        }
        connections.computeIfAbsent(channel, ignored -> new Connection()).count(database, command,
                target(database, command, query), documents(query));
        return reply;
    }

    /** "collection command" for a command on a collection ({@code {find: "offers"}}), else the command alone. */
    private static String target(String database, String command, Document query) {
        if (!(query.get(command) instanceof String collection)) {
            return command;
        }
        return (SHARED.contains(database) ? database + "." : "") + collection + " " + command;
    }

    /** The statements a write command carries; 1 for everything else. */
    private static int documents(Document query) {
        for (String list : new String[] {"documents", "updates", "deletes"}) {
            if (query.get(list) instanceof List<?> statements) {
                return statements.size();
            }
        }
        return 1;
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        // the legacy OP_QUERY: only old drivers' handshakes use it
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        Connection connection = connections.remove(channel);
        if (connection != null) {
            connection.addTo(closed);
            connection.addTargetsTo(closedByCollection);
        }
        delegate.handleClose(channel);
    }

    /** {@code client → command → {commands, documents}}, closed connections included. */
    Document byClient() {
        return counts(closed, Connection::addTo);
    }

    /** {@code client → "collection command" → {commands, documents}}, closed connections included. */
    Document byCollection() {
        return counts(closedByCollection, Connection::addTargetsTo);
    }

    private Document counts(Map<String, Map<String, Count>> ofClosed,
                            BiConsumer<Connection, Map<String, Map<String, Count>>> ofOpen) {
        Map<String, Map<String, Count>> all = new TreeMap<>();
        ofClosed.forEach((client, counts) -> counts.forEach((command, count) -> all
                .computeIfAbsent(client, ignored -> new TreeMap<>()).computeIfAbsent(command, ignored -> new Count())
                .add(count)));
        connections.values().forEach(connection -> ofOpen.accept(connection, all));
        Document result = new Document();
        all.forEach((client, counts) -> {
            Document commands = new Document();
            counts.forEach((command, count) -> commands.put(command,
                    new Document("commands", count.commands.sum()).append("documents", count.documents.sum())));
            result.put(client, commands);
        });
        return result;
    }

    /** MongoDB's own {@code opcounters} shape: insert, query, update, delete, getmore, command. */
    private Document opcounters() {
        long insert = 0;
        long query = 0;
        long update = 0;
        long delete = 0;
        long getmore = 0;
        long command = 0;
        Document clients = byClient();
        for (Object counts : clients.values()) {
            for (Map.Entry<String, Object> entry : ((Document) counts).entrySet()) {
                long commands = ((Number) ((Document) entry.getValue()).get("commands")).longValue();
                switch (entry.getKey()) {
                    case "insert" -> insert += commands;
                    case "find" -> query += commands;
                    case "update" -> update += commands;
                    case "delete" -> delete += commands;
                    case "getMore" -> getmore += commands;
                    default -> command += commands;
                }
            }
        }
        return new Document("insert", insert).append("query", query).append("update", update)
                .append("delete", delete).append("getmore", getmore).append("command", command);
    }

    /** What one connection asked, by database and command; attributed to its client when read. */
    private static final class Connection {

        private final Map<String, Map<String, Count>> byDatabase = new ConcurrentHashMap<>();
        private final Map<String, Map<String, Count>> byTarget = new ConcurrentHashMap<>();

        void count(String database, String command, String target, int documents) {
            add(byDatabase, database, command, documents);
            add(byTarget, database, target, documents);
        }

        private static void add(Map<String, Map<String, Count>> counts, String database, String key, int documents) {
            Count count = counts.computeIfAbsent(database, ignored -> new ConcurrentHashMap<>())
                    .computeIfAbsent(key, ignored -> new Count());
            count.commands.increment();
            count.documents.add(documents);
        }

        /** The database of its own this connection used most: the service it belongs to. */
        String client() {
            String best = UNNAMED;
            long most = -1;
            for (Map.Entry<String, Map<String, Count>> entry : byDatabase.entrySet()) {
                if (SHARED.contains(entry.getKey())) {
                    continue;
                }
                long commands = entry.getValue().values().stream().mapToLong(count -> count.commands.sum()).sum();
                if (commands > most) {
                    most = commands;
                    best = entry.getKey();
                }
            }
            return best;
        }

        void addTo(Map<String, Map<String, Count>> totals) {
            addTo(totals, byDatabase);
        }

        void addTargetsTo(Map<String, Map<String, Count>> totals) {
            addTo(totals, byTarget);
        }

        private void addTo(Map<String, Map<String, Count>> totals, Map<String, Map<String, Count>> counts) {
            String client = client();
            counts.values().forEach(byKey -> byKey.forEach((key, count) -> totals
                    .computeIfAbsent(client, ignored -> new ConcurrentHashMap<>())
                    .computeIfAbsent(key, ignored -> new Count()).add(count)));
        }
    }

    private static final class Count {

        final LongAdder commands = new LongAdder();
        final LongAdder documents = new LongAdder();

        void add(Count other) {
            commands.add(other.commands.sum());
            documents.add(other.documents.sum());
        }
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
