package de.nachruecker.support.centre;

/**
 * A vaccination centre as the catalogue knows it.
 *
 * @param demo {@code true} for the demo data shipped with the platform, which must not be shown as real to citizens
 */
public record Centre(String id, String name, String town, String address, boolean demo) {
}
