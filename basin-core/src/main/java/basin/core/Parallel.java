package basin.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Data parallelism inside one computation (the example shards of an objective), on a shared pool
 * of daemon threads that spin for {@code basin.parallel.spinNanos} (50 us) after their last job
 * before they park, so that an optimizer's back-to-back calls do not pay a wake-up each (measured on
 * config B's gradient: 5-8% faster than parking at once).
 *
 * <p>{@link #forEach} runs {@code body(0) ... body(count - 1)}, each exactly once, and returns when
 * all are done. Which thread runs which index is left to chance, so a body must write only to
 * storage of its own index; the caller then combines the per-index results in index order. The
 * result is then the same bits whatever the number of threads, which is how Basin keeps every
 * run a pure function of its inputs (STYLE: determinism).
 *
 * <p>The calling thread takes part: it claims indices like the helpers do, so a call never waits
 * on a pool that is busy elsewhere (nested or concurrent calls cannot deadlock), and with one
 * thread everything runs in the caller.
 *
 * <p>Threads: {@code -Dbasin.threads=N} (default: the available processors). Code that is already
 * parallel at a coarser grain (the sampler's workers, one start each) calls
 * {@link #sequentialInThisThread()} so that its objectives do not compete for the same cores.
 */
public final class Parallel {

  /** Threads used by {@link #forEach}, the caller included: {@code basin.threads} or the processor count. */
  public static final int THREADS = Math.max(1, Integer.getInteger("basin.threads", Runtime.getRuntime().availableProcessors()));

  /**
   * How long an idle helper (and a waiting caller) spins before it parks: long enough that the
   * back-to-back calls of an optimizer (a gradient every few tens of microseconds) find the helpers
   * awake, since waking a parked thread costs about as much as a small gradient.
   */
  private static final long SPIN_NANOS = Long.getLong("basin.parallel.spinNanos", 50_000L);

  private static final ConcurrentLinkedQueue<Job> QUEUE = new ConcurrentLinkedQueue<>();

  private static final Helper[] HELPERS = startHelpers();

  private static Helper[] startHelpers() {
    Helper[] helpers = new Helper[THREADS - 1];
    for (int h = 0; h < helpers.length; h++) {
      helpers[h] = new Helper();
      helpers[h].start();
    }
    return helpers;
  }

  /** A pool thread: runs queued jobs, spins for a while when there are none, then parks. */
  private static final class Helper extends Thread {
    volatile boolean parked;

    Helper() {
      super("basin-parallel");
      setDaemon(true);
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        Job job = QUEUE.poll();
        if (job != null) {
          job.work();
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          parked = true;
          if (QUEUE.isEmpty()) {
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }

  private static final ThreadLocal<Boolean> SEQUENTIAL = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private Parallel() {}

  /** From now on, {@link #forEach} called from this thread runs everything in this thread. */
  public static void sequentialInThisThread() {
    SEQUENTIAL.set(Boolean.TRUE);
  }

  /** Whether {@link #forEach} would use other threads when called from this one. */
  public static boolean isParallelHere() {
    return HELPERS.length > 0 && !SEQUENTIAL.get();
  }

  /**
   * Runs body(i) for i in [0, count), in parallel where allowed, and returns when all have
   * finished. The first exception thrown by a body is rethrown here (wrapped if checked); the
   * remaining indices may then not have run.
   */
  public static void forEach(int count, IntConsumer body) {
    if (count <= 0) {
      return;
    }
    if (count == 1 || !isParallelHere()) {
      for (int i = 0; i < count; i++) body.accept(i);
      return;
    }
    Job job = new Job(count, body, Thread.currentThread());
    int helpers = Math.min(HELPERS.length, count - 1);
    for (int h = 0; h < helpers; h++) QUEUE.offer(job);
    // a helper sets parked before it looks at the queue, and we look at parked after offering:
    // one of the two sees the other, so no job waits for a helper that sleeps
    for (Helper h : HELPERS) {
      if (h.parked) LockSupport.unpark(h);
    }
    job.work();
    // wait until every index is done (or one failed) and no helper is still inside a body
    long waitingSince = System.nanoTime();
    while (!((job.done.get() == count || job.failure.get() != null) && job.active.get() == 0)) {
      if (System.nanoTime() - waitingSince < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(job);
      }
    }
    Throwable failure = job.failure.get();
    if (failure != null) {
      if (failure instanceof RuntimeException e) throw e;
      if (failure instanceof Error e) throw e;
      throw new IllegalStateException(failure);
    }
  }

  private static final class Job {
    final int count;
    final IntConsumer body;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger active = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(int count, IntConsumer body, Thread caller) {
      this.count = count;
      this.body = body;
      this.caller = caller;
    }

    void work() {
      active.incrementAndGet();
      try {
        int i;
        while (failure.get() == null && (i = next.getAndIncrement()) < count) {
          try {
            body.accept(i);
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
            return;
          }
          done.incrementAndGet();
        }
      } finally {
        active.decrementAndGet();
        LockSupport.unpark(caller);
      }
    }
  }
}
