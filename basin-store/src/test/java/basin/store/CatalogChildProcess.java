package basin.store;

import basin.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second JVM for the crash and lock tests, started with the test classpath.
 *
 * <ul>
 *   <li>{@code hold FILE}: opens the catalog, prints "locked", and waits to be killed.
 *   <li>{@code try FILE}: tries to open the catalog and prints "opened" or "refused: " and the message.
 *   <li>{@code write FILE THREADS DIMENSION}: opens the catalog and records starts 0, 1, 2, ... from
 *       THREADS threads (in whatever order they get there) until killed, printing "committed i" after
 *       each recordStart has returned.
 * </ul>
 * It exits by itself when its stdin closes (the test JVM died) or after two minutes, so that a failed
 * test leaves no process behind.
 */
public final class CatalogChildProcess {
  private CatalogChildProcess() {}

  static final long STUDY_SEED = 20250101L;

  public static void main(String[] args) throws Exception {
    startWatchdog();
    Path file = Path.of(args[1]);
    if (args[0].equals("try")) {
      try {
        Catalog.openForWriting(file).close();
        System.out.println("opened");
      } catch (InputException e) {
        System.out.println("refused: " + e.getMessage());
      }
      System.out.flush();
      Runtime.getRuntime().halt(0);
    }
    Catalog catalog = Catalog.openForWriting(file);
    if (args[0].equals("hold")) {
      System.out.println("locked");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
    int threads = Integer.parseInt(args[2]);
    int dimension = Integer.parseInt(args[3]);
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      new Thread(() -> {
        while (true) {
          int i = next.getAndIncrement();
          catalog.recordStart(TestRecords.start(STUDY_SEED, i, dimension));
          synchronized (System.out) {
            System.out.print("committed " + i + "\n");
            System.out.flush();
          }
        }
      }).start();
    }
  }

  private static void startWatchdog() {
    Thread stdin = new Thread(() -> {
      try {
        InputStream in = System.in;
        while (in.read() >= 0) {
          // The test never writes; EOF means the test JVM is gone.
        }
      } catch (IOException ignored) {
        // Treated like EOF.
      }
      Runtime.getRuntime().halt(3);
    });
    stdin.setDaemon(true);
    stdin.start();
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException ignored) {
        // Exit anyway.
      }
      Runtime.getRuntime().halt(4);
    });
    timer.setDaemon(true);
    timer.start();
  }
}
