package de.nachruecker.platform;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Group commit: a writer whose change is in the store's memory calls {@link #awaitDurable()} before its write is
 * acknowledged, and returns once a commit that started after its change has reached the disk. The first waiter
 * commits for everyone waiting with it (leader and followers, no extra thread); writers that arrive during a commit
 * share the next one, so one fsync serves all concurrent writers. A reader calls {@link #awaitDurableIfPending}
 * after its read: it may have seen a change that is not on disk yet, and must not answer it before it is.
 */
final class GroupCommit {

    /** Writes the store's changes to its file and forces them to the disk. */
    interface Commit {
        void toDisk();
    }

    private final Commit commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    /** Tickets handed out to writers whose change is in memory; a ticket is taken after the change is made. */
    private long requested;
    /** Every ticket up to this one is on disk. */
    private long durable;
    private boolean committing;
    private long commits;

    GroupCommit(Commit commit) {
        this.commit = commit;
    }

    /**
     * Returns once the caller's changes, made before this call, are on disk; throws if the commit failed (then the
     * write must not be acknowledged).
     */
    void awaitDurable() {
        lock.lock();
        try {
            long ticket = ++requested;
            while (durable < ticket) {
                if (committing) {
                    committed.awaitUninterruptibly();
                    continue;
                }
                // the leader: everything requested so far was changed before this commit starts
                long upTo = requested;
                committing = true;
                lock.unlock();
                boolean done = false;
                try {
                    commit.toDisk();
                    done = true;
                } finally {
                    lock.lock();
                    committing = false;
                    if (done) {
                        durable = Math.max(durable, upTo);
                        commits++;
                    }
                    committed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * For a read that is done: returns at once when nothing it can have seen is still on its way to the disk (no
     * commit running, no writer waiting, and {@code unsaved} says the store's memory holds nothing uncommitted).
     * Otherwise it waits for the running commit and asks again, and then, if anything is still pending, waits like a
     * writer for the next one, which it shares. So a read never answers a change that a kill -9 right after the
     * answer would lose.
     */
    void awaitDurableIfPending(BooleanSupplier unsaved) {
        lock.lock();
        try {
            long seen = commits;
            while (committing && commits == seen) { // the running commit may hold what the read saw: its end
                committed.awaitUninterruptibly();
            }
            // asked under the lock while no commit runs: only a commit makes the store's memory saved
            if (!committing && requested == durable && !unsaved.getAsBoolean()) {
                return;
            }
        } finally {
            lock.unlock();
        }
        awaitDurable();
    }

    /**
     * Runs {@code action} while no commit runs (and none starts): for the periodic fsync, which must not record a
     * version whose commit is still being written.
     */
    void exclusively(Runnable action) {
        lock.lock();
        try {
            while (committing) {
                committed.awaitUninterruptibly();
            }
            committing = true;
        } finally {
            lock.unlock();
        }
        try {
            action.run();
        } finally {
            lock.lock();
            try {
                committing = false;
                committed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** For tests: threads waiting for a running commit to end (writers, and readers that saw what it holds). */
    int threadsWaiting() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(committed);
        } finally {
            lock.unlock();
        }
    }

    /** How many commits were made, for the tests and the log: fewer than writes when writers overlap. */
    long commits() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }
}
