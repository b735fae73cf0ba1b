package basin.study;

import basin.core.InputException;
import basin.core.Parallel;
import basin.store.Catalog;
import basin.store.Row;
import basin.store.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The scaffolding of analyses that measure a study's starts one at a time into a catalog table
 * keyed by start (early stopping, batch sharpness): which starts are still to do, and running them
 * on worker threads while the calling thread writes each start's rows as it completes, so that a
 * killed run keeps every finished start and a rerun resumes from them. What a start's rows hold is
 * the analysis's own business; each must be a pure function of (spec, start, options), so the order
 * in which starts finish (and the thread count) never changes the table.
 */
final class StartWork {
  private StartWork() {}

  /**
   * The starts in [0, n) that {@code table} does not yet hold all {@code rowsPerStart} rows of.
   * When a stored row was made with other options ({@code differs} returns why), either the run
   * stops with an InputException naming the difference and --replace, or, with {@code replace},
   * {@code table} and {@code alsoCleared} are emptied and every start is to do.
   *
   * @param analysis the analysis's name in the message ("early-stopping")
   */
  static List<Integer> pending(Catalog catalog, Path catalogFile, Table table, int n, int rowsPerStart, Function<Row, String> differs,
      boolean replace, String analysis, Table... alsoCleared) {
    Map<Long, Integer> rows = new HashMap<>();
    String difference = null;
    for (Row r : catalog.rows(table)) {
      rows.merge(r.getLong("start_index"), 1, Integer::sum);
      String d = differs.apply(r);
      if (difference == null && d != null) difference = d;
    }
    if (difference != null) {
      if (!replace) {
        throw new InputException("catalog " + catalogFile + " holds " + analysis + " results made with other options (" + difference
            + "); pass --replace to recompute them");
      }
      catalog.replaceRows(table, List.of());
      for (Table t : alsoCleared) catalog.replaceRows(t, List.of());
      rows.clear();
    }
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (rows.getOrDefault((long) i, 0) < rowsPerStart) pending.add(i);
    }
    return pending;
  }

  /** One start's measurement, on a worker thread. */
  interface Work<T> {
    T run(int startIndex);
  }

  /** Where a finished start's result goes, on the calling thread (its catalog writes). */
  interface Sink<T> {
    void accept(T result);
  }

  /**
   * Runs {@code work} for each pending start on {@code threads} daemon threads (each running its
   * kernels sequentially: the parallelism is over starts) and hands every result to {@code sink}
   * on the calling thread as it completes, then reports progress (done of total). A failure of any
   * start is rethrown; finished starts stay written.
   */
  static <T> void run(List<Integer> pending, int threads, String threadName, Work<T> work, Sink<T> sink, int already, int total,
      StudyRunner.Progress progress) {
    if (progress != null) progress.update(already, total);
    if (pending.isEmpty()) return;
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(() -> {
        Parallel.sequentialInThisThread();
        r.run();
      }, threadName);
      t.setDaemon(true);
      return t;
    });
    try {
      CompletionService<T> done = new ExecutorCompletionService<>(pool);
      for (int index : pending) done.submit(() -> work.run(index));
      int count = already;
      for (int k = 0; k < pending.size(); k++) {
        T result;
        try {
          result = done.take().get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) throw re;
          if (cause instanceof Error err) throw err;
          throw new IllegalStateException(cause);
        }
        sink.accept(result);
        count++;
        if (progress != null) progress.update(count, total);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted; finished starts are kept and a rerun resumes from them", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
