package de.nachruecker.allocation.offer.application;

import de.nachruecker.events.offer.AppointmentCancelled;

/**
 * Where a cancelled appointment goes: it arrives with the answers, and is handled with the arrivals (whose package
 * implements this), so that offers do not depend on arrivals.
 */
public interface AppointmentCancellations {

    void cancel(AppointmentCancelled cancelled);
}
