package de.nachruecker.notification.channel.voice;

import de.nachruecker.notification.delivery.model.SendResult;

/** A gateway that places calls. Implementations classify failures; they never throw for a failed call. */
public interface VoiceGateway {

    /**
     * Places the call; sent means the gateway took it (it rings), not that anyone listened to it.
     *
     * @param to    E.164 number
     * @param twiml what the call does once answered
     */
    SendResult call(String to, String twiml);
}
