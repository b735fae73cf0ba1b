package basin.store;

import basin.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks of a catalog path made before SQLite touches it, so that bad input is refused with one line
 * naming the file and the reason, and nothing is created or changed: a missing file, a directory, an
 * unreadable file, an empty file, a file that is not SQLite, and a truncated SQLite file (shorter than
 * the page count its header states; SQLite format, section 1.3).
 */
final class CatalogFiles {
  private CatalogFiles() {}

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** Length of the SQLite database header. */
  private static final int HEADER = 100;

  /**
   * Refuses a path that cannot be an existing catalog.
   *
   * @throws InputException with "catalog F does not exist", "F is a directory, not a Basin catalog",
   *     "F is not a Basin catalog (empty file | not an SQLite database)", "catalog F is not readable
   *     (...)" or "catalog F is truncated (...)"
   */
  static void checkExisting(Path file) {
    if (Files.isDirectory(file)) {
      throw new InputException(file + " is a directory, not a Basin catalog file");
    }
    if (!Files.exists(file)) {
      throw new InputException("catalog " + file + " does not exist");
    }
    long size;
    byte[] header = new byte[HEADER];
    int read = 0;
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      while (read < HEADER) {
        int n = in.read(header, read, HEADER - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
    } catch (AccessDeniedException e) {
      throw new InputException("catalog " + file + " is not readable (permission denied)");
    } catch (IOException e) {
      throw new InputException("catalog " + file + " cannot be read (" + e.getMessage() + ")");
    }
    if (size == 0) {
      throw new InputException(file + " is not a Basin catalog (empty file)");
    }
    int prefix = Math.min(read, MAGIC.length);
    if (!Arrays.equals(header, 0, prefix, MAGIC, 0, prefix)) {
      throw new InputException(file + " is not a Basin catalog (not an SQLite database)");
    }
    if (read < HEADER) {
      throw new InputException("catalog " + file + " is truncated (" + size + " bytes, shorter than the "
          + HEADER + "-byte SQLite header)");
    }
    int pageSize = (header[16] & 0xFF) << 8 | (header[17] & 0xFF);
    if (pageSize == 1) {
      pageSize = 65536;
    }
    long pages = readInt(header, 28);
    boolean pagesValid = pages > 0 && readInt(header, 24) == readInt(header, 92);
    if (pagesValid && pageSize * pages > size) {
      throw new InputException("catalog " + file + " is truncated (" + size + " bytes; its header states "
          + pages + " pages of " + pageSize + " bytes = " + pageSize * pages + ")");
    }
  }

  /**
   * Refuses a new catalog path whose directory is missing or not writable.
   *
   * @throws InputException naming the file and the directory
   */
  static void checkCreatable(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new InputException("cannot create catalog " + file + ": directory " + directory + " does not exist");
    }
    if (!Files.isWritable(directory)) {
      throw new InputException("cannot create catalog " + file + ": directory " + directory + " is not writable");
    }
  }

  private static long readInt(byte[] b, int offset) {
    return (b[offset] & 0xFFL) << 24 | (b[offset + 1] & 0xFFL) << 16 | (b[offset + 2] & 0xFFL) << 8 | (b[offset + 3] & 0xFFL);
  }
}
