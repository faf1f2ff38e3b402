package de.nachruecker.support.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * An application-level group commit. A request hands its work over and waits; a committer thread takes every request
 * queued meanwhile (up to {@code maxBatch}) and commits them together, e.g. with one bulk write, answering each request
 * on its own: a value, or that request's own refusal, as if it had been alone. Nothing waits for a batch to fill: a
 * lone request is committed at once, and batches form only while every committer is busy. So under load the round
 * trips per batch, not per request, set how long a request waits and what the database serves.
 *
 * <p>A batch's commit answers its requests; one it leaves unanswered is failed, so that no request waits forever. If
 * the commit throws, every request it had not answered yet gets that exception. On {@link #close()} the committers
 * are interrupted and end, and whatever is still queued is refused.
 *
 * @param <R> a request's answer
 * @param <E> what a request hands over, with the future its answer completes
 */
public final class CommitBatches<R, E extends CommitBatches.Request<R>> implements AutoCloseable {

    /** What a request hands over; the commit completes {@link #done()} with its answer or its own failure. */
    public interface Request<R> {

        CompletableFuture<R> done();
    }

    private final Consumer<List<E>> commit;
    private final int maxBatch;
    private final BlockingQueue<E> queue;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param name       names the committer threads
     * @param committers threads that commit batches; each takes what queued while it committed the last one
     * @param maxBatch   most requests one commit gets
     * @param commit     commits a batch and answers its requests (called on a committer thread, one batch at a time
     *                   per committer)
     */
    public CommitBatches(String name, int committers, int maxBatch, Consumer<List<E>> commit) {
        this(name, committers, maxBatch, commit, new LinkedBlockingQueue<>());
    }

    /** @param queue where requests wait for a committer (a test times its hand-over) */
    public CommitBatches(String name, int committers, int maxBatch, Consumer<List<E>> commit, BlockingQueue<E> queue) {
        if (committers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("committers and max batch must be at least 1");
        }
        this.commit = commit;
        this.maxBatch = maxBatch;
        this.queue = queue;
        for (int i = 0; i < committers; i++) {
            Thread committer = new Thread(this::commitWhileRunning, name + "-committer-" + i);
            committer.setDaemon(true);
            this.committers.add(committer);
            committer.start();
        }
    }

    /**
     * Hands {@code request} to a committer and waits for its answer.
     *
     * @throws RuntimeException       the request's own failure, as its commit gave it
     * @throws IllegalStateException  if the batches are closing (nothing of the request is committed)
     */
    public R submit(E request) {
        if (!running) {
            throw new IllegalStateException("the service is shutting down");
        }
        queue.add(request);
        if (!running && queue.remove(request)) {
            // closing began between the check and the add: the committers may have drained the queue and ended, and
            // none would answer it (if one took it meanwhile, remove finds nothing and that committer answers it)
            throw new IllegalStateException("the service is shutting down");
        }
        try {
            return request.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the request was committed", e);
        }
    }

    /** How many requests wait for a committer. */
    public int queued() {
        return queue.size();
    }

    /** Whether every committer has ended (after {@link #close()}). */
    public boolean stopped() {
        return committers.stream().noneMatch(Thread::isAlive);
    }

    private void commitWhileRunning() {
        List<E> batch = new ArrayList<>();
        while (running) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            try {
                commit.accept(batch);
            } catch (RuntimeException e) {
                batch.forEach(request -> request.done().completeExceptionally(e));
            } catch (Error e) {
                batch.forEach(request -> request.done().completeExceptionally(e));
                throw e;
            }
            batch.forEach(request -> request.done().completeExceptionally(
                    new IllegalStateException("the batch's commit left this request unanswered")));
            batch.clear();
        }
        List<E> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(request -> request.done().completeExceptionally(
                new IllegalStateException("the service is shutting down")));
    }

    /**
     * Interrupts the committers, which then end (a batch being committed gets whatever the interruption makes its
     * commit throw); requests still queued are refused.
     */
    @Override
    public void close() {
        running = false;
        committers.forEach(Thread::interrupt);
    }
}
