package de.nachruecker.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Work for tests of races: every task on a thread of its own, all released by one signal so that they run at the same
 * moment, and all awaited (bounded). A task's failure fails the call.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /** Calls the tasks at once; returns their results in the tasks' order once all have ended. */
    public static <T> List<T> call(Duration within, List<? extends Callable<T>> tasks) throws Exception {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + within.toNanos();
            List<T> results = new ArrayList<>();
            for (Future<T> task : running) {
                results.add(task.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Runs the tasks at once and returns once all have ended. */
    public static void run(Duration within, List<? extends Runnable> tasks) throws Exception {
        call(within, tasks.stream().map(Executors::callable).toList());
    }
}
