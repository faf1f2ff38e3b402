package de.nachruecker.support.health;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;

import java.util.Set;

/**
 * Boot lists the names of the health groups (here the probes {@code liveness}, {@code readiness}) beside the status
 * of {@code /actuator/health} for every caller, also anonymous ones. The public answer is to say UP or DOWN and
 * nothing else (issue #15), so the root no longer lists them, for anyone: the groups still answer at their own paths
 * ({@code /actuator/health/liveness}), and staff see the components anyway. Applied last, after Boot adds the probe
 * groups (see {@link HealthStatusOnlyAutoConfiguration}).
 */
final class HealthGroupNamesHidden implements HealthEndpointGroupsPostProcessor {

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        return new HealthEndpointGroups() {
            @Override
            public HealthEndpointGroup getPrimary() {
                return groups.getPrimary();
            }

            /** Read only to list the groups in the root answer (the lookups below go to the real groups). */
            @Override
            public Set<String> getNames() {
                return Set.of();
            }

            @Override
            public HealthEndpointGroup get(String name) {
                return groups.get(name);
            }

            @Override
            public HealthEndpointGroup get(AdditionalHealthEndpointPath path) {
                return groups.get(path);
            }

            @Override
            public Set<HealthEndpointGroup> getAllWithAdditionalPath(WebServerNamespace namespace) {
                return groups.getAllWithAdditionalPath(namespace);
            }
        };
    }
}
