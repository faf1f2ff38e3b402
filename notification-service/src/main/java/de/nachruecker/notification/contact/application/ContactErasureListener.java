package de.nachruecker.notification.contact.application;

/** Something else holding personal data of a candidate that must forget it when the contact is erased. */
public interface ContactErasureListener {

    void contactErased(String candidateId);
}
