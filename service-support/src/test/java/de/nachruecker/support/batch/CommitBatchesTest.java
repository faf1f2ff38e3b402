package de.nachruecker.support.batch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The group commit's machinery with a commit the test controls: what queues while a batch is committed goes into the
 * next one (up to the maximum), each request gets its own answer, a failing commit fails only its own batch, and no
 * request is left waiting, not even one that queues while the committers end.
 */
class CommitBatchesTest {

    /** A thread per waiting request: each blocks until its answer. */
    private final ExecutorService requests = Executors.newCachedThreadPool();
    private final List<List<Integer>> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchHeld = new CountDownLatch(1);
    private final CountDownLatch firstBatchReleased = new CountDownLatch(1);
    private CommitBatches<String, Numbered> batches;

    @AfterEach
    void stop() {
        if (batches != null) {
            batches.close();
        }
        requests.shutdownNow();
    }

    /** Answers each request with its number, except that odd numbers above 100 are refused on their own. */
    private void answerEach(List<Numbered> batch) {
        committed.add(batch.stream().map(Numbered::number).toList());
        if (committed.size() == 1 && batch.get(0).number() == 0) {
            firstBatchHeld.countDown();
            awaitLatch(firstBatchReleased);
        }
        for (Numbered request : batch) {
            if (request.number() > 100 && request.number() % 2 == 1) {
                request.done().completeExceptionally(new IllegalArgumentException("refused " + request.number()));
            } else {
                request.done().complete("stored " + request.number());
            }
        }
    }

    private CommitBatches<String, Numbered> batches(int committers, int maxBatch, Consumer<List<Numbered>> commit) {
        return batches(committers, maxBatch, commit, new LinkedBlockingQueue<>());
    }

    private CommitBatches<String, Numbered> batches(int committers, int maxBatch, Consumer<List<Numbered>> commit,
                                                    BlockingQueue<Numbered> queue) {
        batches = new CommitBatches<>("test", committers, maxBatch, commit, queue);
        return batches;
    }

    @Test
    void aLoneRequestIsCommittedAtOnceAndGetsItsAnswer() {
        CommitBatches<String, Numbered> alone = batches(1, 64, this::answerEach);

        assertThat(alone.submit(new Numbered(7))).isEqualTo("stored 7");
        assertThat(alone.submit(new Numbered(8))).isEqualTo("stored 8");
        assertThat(committed).as("nothing waited for a batch to fill").containsExactly(List.of(7), List.of(8));
    }

    @Test
    void requestsQueuedWhileABatchIsCommittedShareTheNextOnesUpToTheMaximumEachWithItsOwnAnswer() throws Exception {
        CommitBatches<String, Numbered> held = batches(1, 3, this::answerEach);
        CompletableFuture<String> first = submitted(held, 0);
        awaitLatch(firstBatchHeld);
        List<CompletableFuture<String>> meanwhile = IntStream.rangeClosed(101, 105).mapToObj(n -> submitted(held, n))
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> held.queued() == 5);
        firstBatchReleased.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("stored 0");
        for (int i = 0; i < meanwhile.size(); i++) {
            int number = 101 + i;
            if (number % 2 == 1) {
                CompletableFuture<String> refused = meanwhile.get(i);
                assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("refused " + number);
            } else {
                assertThat(meanwhile.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("stored " + number);
            }
        }
        assertThat(committed).extracting(List::size).as("one, then the five queued in batches of at most three")
                .containsExactly(1, 3, 2);
        assertThat(committed.subList(1, 3)).flatExtracting(batch -> batch)
                .containsExactlyInAnyOrder(101, 102, 103, 104, 105);
    }

    @Test
    void aCommitThatThrowsFailsEveryRequestItHadNotAnsweredAndTheCommitterLivesOn() throws Exception {
        CommitBatches<String, Numbered> failing = batches(1, 64, batch -> {
            if (batch.get(0).number() == 0) {
                answerEach(batch.subList(0, 1));
                throw new IllegalStateException("store unreachable");
            }
            answerEach(batch);
        });
        CompletableFuture<String> answered = submitted(failing, 0);
        awaitLatch(firstBatchHeld);
        CompletableFuture<String> queuedBehind = submitted(failing, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> failing.queued() == 1);
        firstBatchReleased.countDown();

        assertThat(answered.get(10, TimeUnit.SECONDS)).as("answered before the commit threw").isEqualTo("stored 0");
        assertThat(queuedBehind.get(10, TimeUnit.SECONDS)).as("not in the failing batch").isEqualTo("stored 2");
        failing.close();

        CommitBatches<String, Numbered> alwaysFailing = batches(1, 64, batch -> {
            throw new IllegalStateException("store unreachable");
        });
        assertThatThrownBy(() -> alwaysFailing.submit(new Numbered(3))).isInstanceOf(IllegalStateException.class)
                .hasMessage("store unreachable");
        assertThatThrownBy(() -> alwaysFailing.submit(new Numbered(4))).as("the committer still runs")
                .isInstanceOf(IllegalStateException.class).hasMessage("store unreachable");
    }

    @Test
    void aRequestTheCommitLeftUnansweredFailsInsteadOfWaitingForever() {
        CommitBatches<String, Numbered> forgetful = batches(1, 64, batch -> { });

        assertThatThrownBy(() -> forgetful.submit(new Numbered(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unanswered");
    }

    @Test
    void afterCloseRequestsAreRefusedAtOnce() {
        CommitBatches<String, Numbered> closed = batches(2, 64, this::answerEach);
        closed.close();
        await().atMost(Duration.ofSeconds(10)).until(closed::stopped);

        assertThatThrownBy(() -> closed.submit(new Numbered(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
        assertThat(committed).isEmpty();
    }

    /**
     * Closing begins after a request saw the batches running and before it queued: the committers have drained the
     * queue and ended. Such a request once waited for an answer that never came.
     */
    @Test
    void aRequestQueuedAfterTheCommittersEndedIsRefusedAtOnceNotLeftWaiting() throws Exception {
        ClosingBeforeHandOver queue = new ClosingBeforeHandOver();
        CommitBatches<String, Numbered> closing = batches(2, 64, this::answerEach, queue);
        queue.batches = closing;

        CompletableFuture<String> answer = submitted(closing, 1);

        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
        assertThat(queue.committersEndedFirst).as("the race this test stages took place").isTrue();
        assertThat(closing.queued()).as("nothing left behind in the queue").isZero();
        assertThat(committed).isEmpty();
    }

    private CompletableFuture<String> submitted(CommitBatches<String, Numbered> to, int number) {
        return CompletableFuture.supplyAsync(() -> to.submit(new Numbered(number)), requests);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Numbered(int number, CompletableFuture<String> done) implements CommitBatches.Request<String> {

        Numbered(int number) {
            this(number, new CompletableFuture<>());
        }
    }

    /** Closes the batches, and waits for their committers to end, just before a request is queued. */
    private static final class ClosingBeforeHandOver extends LinkedBlockingQueue<Numbered> {

        private static final long serialVersionUID = 1L;

        transient volatile CommitBatches<String, Numbered> batches;
        volatile boolean committersEndedFirst;

        @Override
        public boolean add(Numbered request) {
            batches.close();
            await().atMost(Duration.ofSeconds(10)).until(batches::stopped);
            committersEndedFirst = true;
            return super.add(request);
        }
    }
}
