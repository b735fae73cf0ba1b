package basin.study;

import basin.store.StartRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the starts of a study run: local threads ({@link LocalStartExecutor}) or a cluster. An
 * executor runs {@link StartTask#run} for every pending start index and hands each record to the
 * sink; the caller (the driver) is the only catalog writer. Every start is a pure function of
 * (spec, master seed, start index), so where and in which order starts run never changes a record.
 */
public interface StartExecutor {

  /**
   * Runs the pending starts.
   *
   * @param task builds, once per worker thread, the function from start index to record
   * @param pending start indices to run, ascending
   * @param sink receives each record as it finishes; calls are serialized by the executor
   * @throws RuntimeException the first failure of a start, after the other workers stop; records
   *     already handed to the sink are kept
   */
  void execute(StartTask task, List<Integer> pending, Consumer<StartRecord> sink);

  /** Human-readable description for provenance, e.g. "local, 2 threads". */
  String describe();

  /** The per-start work of a study. */
  interface StartTask {
    /** A worker for the calling thread (owns its objective copies). */
    Worker newWorker();
  }

  /** One thread's worker. */
  interface Worker {
    StartRecord run(int startIndex);
  }
}
