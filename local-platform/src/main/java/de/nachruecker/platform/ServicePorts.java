package de.nachruecker.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the services listen, counted from one base port (the README's 8081 by default): registration on the base,
 * slot on base + 1, allocation on base + 2, notification on base + 3; a further allocation instance n (from 2) on the
 * allocation port + 100(n − 1), e.g. 8183. Moving the base lets several platforms (a developer's, the system tests',
 * a benchmark's) run on one machine.
 */
public record ServicePorts(int base) {

    public static final int DEFAULT_BASE = 8081;
    public static final String REGISTRATION = "registration-service";
    public static final String SLOT = "slot-service";
    public static final String ALLOCATION = "allocation-service";
    public static final String NOTIFICATION = "notification-service";
    /** In start order; every module has one instance except allocation, which may have more. */
    public static final List<String> MODULES = List.of(REGISTRATION, SLOT, ALLOCATION, NOTIFICATION);

    /** Below Linux's ephemeral range (32768+), so an outgoing connection's port never takes a chosen one. */
    private static final int FREE_BASE_FROM = 20_000;
    private static final int FREE_BASE_TO = 32_000;

    public ServicePorts {
        if (base < 1 || base > 65_535 - 3) {
            throw new IllegalArgumentException("--service-port-base must be between 1 and 65532, was " + base);
        }
    }

    public int registration() {
        return base;
    }

    public int slot() {
        return base + 1;
    }

    /** @param instance from 1 */
    public int allocation(int instance) {
        return base + 2 + 100 * (instance - 1);
    }

    public int notification() {
        return base + 3;
    }

    /** The port of the first (or only) instance of a module. */
    public int of(String module) {
        return switch (module) {
            case REGISTRATION -> registration();
            case SLOT -> slot();
            case ALLOCATION -> allocation(1);
            case NOTIFICATION -> notification();
            default -> throw new IllegalArgumentException("no such service: " + module);
        };
    }

    /** Every port a platform with this many allocation instances listens on. */
    public List<Integer> all(int allocationInstances) {
        List<Integer> ports = new ArrayList<>(List.of(registration(), slot(), notification()));
        for (int n = 1; n <= allocationInstances; n++) {
            ports.add(allocation(n));
        }
        if (ports.get(ports.size() - 1) > 65_535) {
            throw new IllegalArgumentException(allocationInstances + " allocation instances do not fit above base "
                    + base);
        }
        return ports;
    }

    /** A base whose every port is free right now, for a platform that must not collide with another one. */
    public static ServicePorts free(int allocationInstances) {
        for (int attempt = 0; attempt < 100; attempt++) {
            ServicePorts candidate = new ServicePorts(
                    ThreadLocalRandom.current().nextInt(FREE_BASE_FROM, FREE_BASE_TO));
            if (candidate.all(allocationInstances).stream().allMatch(Ports::isFree)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free block of service ports between " + FREE_BASE_FROM + " and "
                + FREE_BASE_TO);
    }
}
