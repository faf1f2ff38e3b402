package de.nachruecker.registration.candidate.application;

import de.nachruecker.registration.candidate.model.Applicant;
import de.nachruecker.registration.candidate.model.Registration;
import de.nachruecker.registration.candidate.model.VerificationCode;
import de.nachruecker.registration.config.RegistrationProperties;
import de.nachruecker.support.batch.CommitBatches;
import de.nachruecker.support.correlation.CorrelationId;
import de.nachruecker.support.personaldata.DataKey;
import de.nachruecker.support.personaldata.PersonalDataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New registrations that send a code, written in batches: an application-level group commit (service-support's
 * {@link CommitBatches}). A request hands its
 * registration over and waits; a committer takes every registration queued meanwhile (up to {@code max-batch}) and
 * decides and writes them together: one query for the places on their phones, one for the people registered already,
 * one write of their data keys, one of their codes' message keys, one bulk insert of the registrations. Each request
 * is answered once its own registration is stored, or with its own refusal, as if it had been alone. Nothing waits
 * for a batch to fill: a lone registration is written at once, and batches form only while committers are busy.
 *
 * <p>Crash safety is that of a lone registration: the keys are written before the registrations (a consumer must find
 * the key once the relay publishes), so a crash in between leaves keys without registrations, which open nothing
 * anyone holds; the message keys expire with the vault's sweep. The client got no 201 and registers again.
 */
@Component
class IntakeBatches implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IntakeBatches.class);

    private final Registrations registrations;
    private final PersonalDataKeys keys;
    private final CandidateEvents candidateEvents;
    private final int maxPersonsPerPhone;
    /** The queue and the committer threads (service-support's group commit); {@link #commit} is a batch's work. */
    private final CommitBatches<Void, Entry> batches;
    /** Runs the round trips of a batch that overlap with the committer's own (two per committer). */
    private final ExecutorService keyWriter;

    @Autowired
    IntakeBatches(Registrations registrations, PersonalDataKeys keys, CandidateEvents candidateEvents,
                  RegistrationProperties properties) {
        this(registrations, keys, candidateEvents, properties, new LinkedBlockingQueue<>());
    }

    /** @param queue where requests hand their registrations to the committers (a test times its hand-over) */
    IntakeBatches(Registrations registrations, PersonalDataKeys keys, CandidateEvents candidateEvents,
                  RegistrationProperties properties, BlockingQueue<Entry> queue) {
        this.registrations = registrations;
        this.keys = keys;
        this.candidateEvents = candidateEvents;
        this.maxPersonsPerPhone = properties.household().maxPersonsPerPhone();
        AtomicInteger helpers = new AtomicInteger();
        this.keyWriter = Executors.newFixedThreadPool(2 * properties.intake().committers(), runnable -> {
            Thread helper = new Thread(runnable, "intake-overlap-" + helpers.getAndIncrement());
            helper.setDaemon(true);
            return helper;
        });
        this.batches = new CommitBatches<>("intake", properties.intake().committers(),
                properties.intake().maxBatch(), this::commit, queue);
    }

    /**
     * Stores a new registration that holds no household place yet (it awaits its code), with its events: profile,
     * contact and the verification code. Returns once it is stored.
     *
     * @throws DuplicateRegistrationException if its phone is the contact of as many verified people as it may be, or
     *                                        the person is registered and verified already; nothing is stored
     * @throws RuntimeException               whatever the store answered (an outage …), as a lone write would
     */
    void add(Registration registration, VerificationCode code, String accessTokenHash, Instant now) {
        batches.submit(new Entry(registration, code, accessTokenHash, now, CorrelationId.currentOrNew(),
                new CompletableFuture<>()));
    }

    /** How many registrations wait for a committer. */
    int queued() {
        return batches.queued();
    }

    /** Whether every committer has ended (after {@link #destroy()}). */
    boolean stopped() {
        return batches.stopped();
    }

    /**
     * Three round trips one after the other, whatever the batch's size: the checks and the data keys' insert overlap
     * (a key made for a registration the checks refuse is deleted again), then the codes' message keys, then the
     * registrations. Under load each round trip waits for a commit of the store, so their number per batch, not per
     * registration, sets how long a citizen waits.
     */
    private void commit(List<Entry> batch) {
        List<String> ids = batch.stream().map(entry -> entry.registration().candidateId()).toList();
        CompletableFuture<Map<String, DataKey>> creating = CompletableFuture.supplyAsync(() -> keys.createAll(ids),
                keyWriter);
        List<Entry> admitted;
        try {
            admitted = refuseTaken(batch);
        } catch (RuntimeException e) {
            try {
                joinKeys(creating, ids);
            } finally {
                ids.forEach(this::forgetKey);
            }
            throw e;
        }
        Map<String, DataKey> created = joinKeys(creating, ids);
        batch.stream().filter(entry -> !admitted.contains(entry))
                .forEach(entry -> forgetKey(entry.registration().candidateId()));
        if (admitted.isEmpty()) {
            return;
        }
        List<Boolean> stored;
        try {
            List<List<OutgoingEvent>> events = candidateEvents.registeredAll(admitted.stream()
                    .map(entry -> new CandidateEvents.Registered(entry.registration(),
                            created.get(entry.registration().candidateId()), entry.code(), entry.now()))
                    .toList());
            List<Registrations.Unplaced> unplaced = new ArrayList<>();
            for (int i = 0; i < admitted.size(); i++) {
                Entry entry = admitted.get(i);
                unplaced.add(new Registrations.Unplaced(entry.registration(), entry.accessTokenHash(), events.get(i),
                        entry.correlationId()));
            }
            stored = registrations.addAllUnplaced(unplaced);
        } catch (RuntimeException e) {
            admitted.forEach(entry -> forgetKey(entry.registration().candidateId()));
            throw e;
        }
        for (int i = 0; i < admitted.size(); i++) {
            Entry entry = admitted.get(i);
            if (stored.get(i)) {
                entry.done().complete(null);
            } else {
                forgetKey(entry.registration().candidateId());
                // a clash of random ids or token hashes: not the citizen's doing
                entry.done().completeExceptionally(new DuplicateKeyException(
                        "registration " + entry.registration().candidateId() + " clashed with a stored one"));
            }
        }
    }

    /** The keys written meanwhile; if their write failed, nothing of the batch is stored and no key stays. */
    private Map<String, DataKey> joinKeys(CompletableFuture<Map<String, DataKey>> creating, List<String> ids) {
        try {
            return creating.join();
        } catch (CompletionException e) {
            ids.forEach(this::forgetKey);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Answers the registrations whose phone is full or whose person is registered already, and returns the others.
     * Only verified registrations count (see {@link RegisteringCandidate}), so the batch's own do not. The two
     * queries overlap.
     */
    private List<Entry> refuseTaken(List<Entry> batch) {
        List<Applicant> applicants = batch.stream().map(entry -> entry.registration().applicant().orElseThrow())
                .toList();
        CompletableFuture<Set<String>> registeredPersons = CompletableFuture.supplyAsync(() ->
                registrations.personsRegistered(applicants.stream().map(Applicant::identityKey).distinct().toList()),
                keyWriter);
        Map<String, Integer> places = registrations.householdPlacesTaken(
                applicants.stream().map(Applicant::phone).distinct().toList());
        Set<String> persons;
        try {
            persons = registeredPersons.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        List<Entry> admitted = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Applicant applicant = applicants.get(i);
            if (places.getOrDefault(applicant.phone(), 0) >= maxPersonsPerPhone) {
                batch.get(i).done().completeExceptionally(
                        new DuplicateRegistrationException(DuplicateRegistrationException.Kind.HOUSEHOLD_FULL));
            } else if (persons.contains(applicant.identityKey())) {
                batch.get(i).done().completeExceptionally(
                        new DuplicateRegistrationException(DuplicateRegistrationException.Kind.PERSON));
            } else {
                admitted.add(batch.get(i));
            }
        }
        return admitted;
    }

    /** A key whose registration was not stored; if the store is unreachable, it opens nothing anyone holds. */
    private void forgetKey(String candidateId) {
        try {
            keys.delete(candidateId);
        } catch (RuntimeException e) {
            log.warn("data key of the unstored registration {} left in the vault: {}", candidateId, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        batches.close();
        keyWriter.shutdownNow();
    }

    /** A registration handed over by a request, with what its events need and the request's answer. */
    record Entry(Registration registration, VerificationCode code, String accessTokenHash, Instant now,
                 String correlationId, CompletableFuture<Void> done) implements CommitBatches.Request<Void> {
    }
}
