package de.nachruecker.notification.contact.persistence;

import de.nachruecker.events.candidate.PhoneKind;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

@Document(ContactDocument.COLLECTION)
record ContactDocument(@Id String candidateId, String name, String phone, String email, String language,
                       boolean erased, Instant updatedAt, PhoneKind phoneKind) {

    static final String COLLECTION = "contacts";
}
