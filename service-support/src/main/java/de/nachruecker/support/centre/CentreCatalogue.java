package de.nachruecker.support.centre;

import org.springframework.core.io.Resource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vaccination centres the platform serves: data the platform ships (a demo set of Hessen centres) or the
 * authority's own file, named by {@code nachruecker.centres.resource}.
 */
public class CentreCatalogue {

    private final Map<String, Centre> centres;
    private final List<Centre> ordered;

    public CentreCatalogue(Collection<Centre> centres) {
        Map<String, Centre> byId = new LinkedHashMap<>();
        for (Centre centre : centres) {
            if (byId.put(centre.id(), centre) != null) {
                throw new IllegalArgumentException("centre id appears twice in the catalogue: " + centre.id());
            }
        }
        this.centres = Map.copyOf(byId);
        this.ordered = List.copyOf(byId.values());
    }

    public static CentreCatalogue load(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            CatalogueFile file = JsonMapper.builder()
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, CatalogueFile.class);
            return new CentreCatalogue(file.centres());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the centre catalogue " + resource, e);
        }
    }

    public Optional<Centre> find(String id) {
        return Optional.ofNullable(id).map(centres::get);
    }

    public boolean contains(String id) {
        return id != null && centres.containsKey(id);
    }

    /** In catalogue order. */
    public List<Centre> all() {
        return ordered;
    }

    record CatalogueFile(List<Centre> centres) {
    }
}
