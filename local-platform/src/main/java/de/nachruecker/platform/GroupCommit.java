package de.nachruecker.platform;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: a writer whose change is in the store's memory calls {@link #awaitDurable()} before its write is
 * acknowledged, and returns once a commit that started after its change has reached the disk. The first waiter
 * commits for everyone waiting with it (leader and followers, no extra thread); writers that arrive during a commit
 * share the next one, so one fsync serves all concurrent writers.
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
