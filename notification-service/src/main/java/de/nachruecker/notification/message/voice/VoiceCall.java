package de.nachruecker.notification.message.voice;

/**
 * A message as a call.
 *
 * @param twiml      what the call does (Twilio's markup), handed to the gateway
 * @param transcript what it says, as plain text, for the local outbox page; without the answer token or a code
 */
public record VoiceCall(String twiml, String transcript) {
}
