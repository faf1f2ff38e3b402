package de.nachruecker.allocation.it;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The database commands the service's client sends, as the driver starts them: what a step costs the store. */
public final class MongoCommands implements CommandListener {

    /** One command: its name ({@code find}, {@code update} …), its collection and the whole command as JSON. */
    public record Sent(String name, String collection, String json) {
    }

    @TestConfiguration
    static class Listening {
        @Bean
        MongoCommands mongoCommands() {
            return new MongoCommands();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer listeningToCommands(MongoCommands commands) {
            return settings -> settings.addCommandListener(commands);
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonValue target = event.getCommand().get(event.getCommandName());
        sent.add(new Sent(event.getCommandName(), target != null && target.isString() ? target.asString().getValue()
                : "", event.getCommand().toJson()));
    }

    public void clear() {
        sent.clear();
    }

    /** The commands sent since {@link #clear}, in their order. */
    public List<Sent> all() {
        return List.copyOf(sent);
    }

    /** Those of {@code commands} that name any of {@code ids}. */
    public static List<Sent> namingAny(List<Sent> commands, Collection<String> ids) {
        return commands.stream().filter(command -> ids.stream().anyMatch(id -> command.json().contains(id)))
                .toList();
    }

    /** The {@code name} commands on {@code collection} since {@link #clear} that name any of {@code ids}. */
    public List<Sent> naming(String collection, String name, Collection<String> ids) {
        return sent.stream().filter(command -> command.collection().equals(collection)
                && command.name().equals(name) && ids.stream().anyMatch(id -> command.json().contains(id))).toList();
    }
}
