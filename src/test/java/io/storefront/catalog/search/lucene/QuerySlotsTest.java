package io.storefront.catalog.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

/** The index's query slots, with real threads: a bound on searches at once, and waiting searches served in order. */
class QuerySlotsTest {

    @Test
    void shouldRunAtMostItsSizeAtOnceAndUseEverySlot() throws Exception {
        QuerySlots slots = new QuerySlots(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> searches = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                int search = i;
                searches.add(threads.submit(() -> slots.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    running.decrementAndGet();
                    return search;
                })));
            }
            for (int i = 0; i < searches.size(); i++) {
                assertThat(searches.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(most.get()).as("searches running at once, at most").isEqualTo(2);
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void shouldServeWaitingSearchesInTheOrderTheyCame() throws Exception {
        QuerySlots slots = new QuerySlots(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> served = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            Future<?> holder = threads.submit(() -> slots.run(() -> {
                holding.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int search = i;
                waiting.add(threads.submit(() -> slots.run(() -> served.add(search))));
                awaitWaiting(slots, i + 1);
            }
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            for (Future<?> search : waiting) {
                search.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void shouldFreeTheSlotOfAFailedSearch() {
        QuerySlots slots = new QuerySlots(1);
        assertThatThrownBy(() -> slots.run(() -> {
            throw new IOException("unreadable segment");
        })).isInstanceOf(IOException.class);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(slots.run(() -> "next")).isEqualTo("next"));
    }

    @Test
    void shouldRefuseNoSlots() {
        assertThatThrownBy(() -> new QuerySlots(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shop.search.query-threads");
    }

    private static void awaitWaiting(QuerySlots slots, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (slots.waiting() < count) {
            assertThat(System.nanoTime()).as("%d searches waiting in time", count).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
