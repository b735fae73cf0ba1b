package basin.study;

import basin.core.InputException;
import basin.core.Parallel;
import basin.store.StartRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs starts on a fixed pool of local threads, one start per thread at a time: the starts are the
 * parallelism, so each worker runs its objective's example shards in itself instead of competing
 * for the same cores (same results, {@link Parallel#sequentialInThisThread}).
 */
public final class LocalStartExecutor implements StartExecutor {
  private final int threads;

  public LocalStartExecutor(int threads) {
    if (threads < 1) throw new InputException("--threads must be >= 1, got " + threads);
    this.threads = threads;
  }

  @Override
  public String describe() {
    return "local, " + threads + (threads == 1 ? " thread" : " threads");
  }

  @Override
  public void execute(StartTask task, List<Integer> pending, Consumer<StartRecord> sink) {
    ThreadLocal<Worker> workers = ThreadLocal.withInitial(task::newWorker);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(() -> {
        Parallel.sequentialInThisThread();
        r.run();
      }, "basin-start");
      t.setDaemon(true);
      return t;
    });
    Object lock = new Object();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int index : pending) {
        futures.add(pool.submit(() -> {
          StartRecord record = workers.get().run(index);
          synchronized (lock) {
            sink.accept(record);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          pool.shutdownNow();
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) throw re;
          if (cause instanceof Error err) throw err;
          throw new IllegalStateException(cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; recorded starts are kept and the study resumes from them", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
