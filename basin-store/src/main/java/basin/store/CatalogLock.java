package basin.store;

import basin.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The single-writer guard of a catalog: an exclusive lock on the sidecar file {@code <catalog>.lock}
 * taken with {@link FileChannel#tryLock}, with the holder's pid written into the file so that a
 * refused process can name it.
 *
 * <p>The operating system drops the lock when the holder's process ends in any way, kill -9
 * included, so a stale lock file never blocks a resume. The file itself is left in place on release
 * (deleting it would let a process that opened the old file and one that creates a new file both
 * believe they hold the lock).
 *
 * <p>Within one JVM a registry of held lock files is checked first: POSIX record locks belong to the
 * process, so a second channel on the same file would be granted the lock, and closing it would
 * release the first holder's lock. The registry keeps this JVM from opening a second channel at all.
 * The locked region is one byte at {@link #LOCK_OFFSET}, beyond the pid text, so that the text stays
 * readable where locks are mandatory (Windows).
 */
final class CatalogLock implements AutoCloseable {
  /** Start of the locked byte: beyond any pid text. */
  static final long LOCK_OFFSET = 1024;
  private static final Set<Path> HELD = new HashSet<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean released;

  private CatalogLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /** The sidecar lock file of a catalog: the catalog's name plus ".lock", in the same directory. */
  static Path lockFileOf(Path catalog) {
    return catalog.resolveSibling(catalog.getFileName() + ".lock");
  }

  /**
   * Takes the lock of {@code catalog} or refuses.
   *
   * @throws InputException naming the catalog and the holder's pid when another process (or another
   *     catalog in this JVM) holds it, or when the directory does not exist
   */
  static CatalogLock acquire(Path catalog) {
    Path key = registryKey(catalog);
    long self = ProcessHandle.current().pid();
    synchronized (HELD) {
      if (!HELD.add(key)) {
        throw new InputException("catalog " + catalog + " is already open in this basin process (pid " + self + ")");
      }
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock(LOCK_OFFSET, 1, false);
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = readHolder(channel);
        throw new InputException("catalog " + catalog + " is in use by another basin process (pid " + holder + ")");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(true);
      return new CatalogLock(key, channel, lock);
    } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
      closeQuietly(channel);
      forget(key);
      throw new InputException("catalog " + catalog + " cannot be written: its directory " + key.getParent()
          + " is not writable (cannot create " + key.getFileName() + ")");
    } catch (IOException e) {
      closeQuietly(channel);
      forget(key);
      if (e instanceof FileSystemException && String.valueOf(e.getMessage()).contains("Read-only file system")) {
        throw new InputException("catalog " + catalog + " cannot be written: it is on a read-only file system");
      }
      throw new CatalogException("cannot lock catalog " + catalog + " through " + key + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      forget(key);
      throw e;
    }
  }

  /** Releases the lock and clears the pid; idempotent. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release catalog lock " + key + ": " + e.getMessage(), e);
    } finally {
      forget(key);
    }
  }

  private static Path registryKey(Path catalog) {
    Path absolute = catalog.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new InputException("catalog " + catalog + ": directory " + parent + " does not exist");
    }
    try {
      return lockFileOf(parent.toRealPath().resolve(absolute.getFileName()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve directory " + parent + ": " + e.getMessage(), e);
    }
  }

  /** The pid text of the holder, read through the refused channel itself (no second descriptor). */
  private static String readHolder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    channel.read(buffer, 0);
    String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return text.matches("\\d+") ? text : "unknown";
  }

  private static void forget(Path key) {
    synchronized (HELD) {
      HELD.remove(key);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // The refusal or failure being reported matters more than a failed close.
      }
    }
  }
}
