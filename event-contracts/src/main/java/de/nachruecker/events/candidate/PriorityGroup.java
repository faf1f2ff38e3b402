package de.nachruecker.events.candidate;

/**
 * Priority groups of the German Coronavirus-Impfverordnung (CoronaImpfV) of 2021. Which groups are open on a given day
 * is dated rule data in the allocation service, not part of this enum.
 */
public enum PriorityGroup {
    /** §2: highest priority (80+, care homes, ICU, ambulance and vaccination staff). */
    HIGHEST(1),
    /** §3: high priority (70+, certain conditions, close contacts of people in care). */
    HIGH(2),
    /** §4: raised priority (60+, BMI over 30, chronic disease, critical infrastructure). */
    RAISED(3),
    /** Everyone else: eligible once prioritisation ended (7 June 2021). */
    GENERAL(4);

    private final int rank;

    PriorityGroup(int rank) {
        this.rank = rank;
    }

    /** 1 is served first. */
    public int rank() {
        return rank;
    }
}
