package basin.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void everyIndexRunsExactlyOnce() {
    for (int count : new int[] {0, 1, 2, 3, 8, 100}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, count));
      Parallel.forEach(count, i -> runs.incrementAndGet(i));
      for (int i = 0; i < count; i++) assertEquals(1, runs.get(i), "index " + i + " of " + count);
    }
  }

  @Test
  void nestedAndConcurrentCallsComplete() throws Exception {
    AtomicIntegerArray runs = new AtomicIntegerArray(16);
    Thread[] callers = new Thread[3];
    for (int t = 0; t < callers.length; t++) {
      callers[t] = new Thread(() -> Parallel.forEach(4, i -> Parallel.forEach(4, j -> runs.incrementAndGet(4 * i + j))));
      callers[t].start();
    }
    for (Thread t : callers) t.join(60_000);
    for (int i = 0; i < 16; i++) assertEquals(callers.length, runs.get(i));
  }

  @Test
  void theFirstFailureIsRethrownAfterTheOthersStop() {
    IllegalStateException e = new IllegalStateException("shard 3 failed");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(6, i -> {
      if (i == 3) throw e;
    }));
    assertSame(e, thrown);
  }

  @Test
  void sequentialThreadsRunEverythingThemselves() throws Exception {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    Thread t = new Thread(() -> {
      Parallel.sequentialInThisThread();
      assertFalse(Parallel.isParallelHere());
      Parallel.forEach(8, i -> seen.add(Thread.currentThread()));
    });
    t.start();
    t.join();
    assertEquals(Set.of(t), seen);
    assertTrue(Parallel.THREADS >= 1);
  }
}
