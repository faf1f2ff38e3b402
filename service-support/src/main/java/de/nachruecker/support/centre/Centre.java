package de.nachruecker.support.centre;

import java.util.List;

/**
 * A vaccination centre as the catalogue knows it.
 *
 * @param phone    the number citizens may call (questions, cancelling by phone); {@code null} if the catalogue has none
 * @param products the vaccines the centre gives, as {@code Product} names; empty if the catalogue does not say
 * @param demo     {@code true} for the demo data shipped with the platform, which must not be shown as real to
 *                 citizens
 */
public record Centre(String id, String name, String town, String address, String phone, List<String> products,
                     boolean demo) {

    public Centre {
        products = products == null ? List.of() : List.copyOf(products);
    }

    /** A centre whose phone number and products the catalogue does not know. */
    public Centre(String id, String name, String town, String address, boolean demo) {
        this(id, name, town, address, null, List.of(), demo);
    }
}
