package basin.core.io;

import basin.core.InputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening data files: existence checks with one-line messages, transparent gunzip (detected by the
 * gzip magic bytes 1f 8b), and translation of I/O failures into {@link InputException}.
 */
public final class SourceStreams {
  private static final int BUFFER = 1 << 16;

  private SourceStreams() {}

  /**
   * Opens a file for reading, decompressing it when it starts with the gzip magic bytes.
   *
   * @throws InputException when the file is missing, is a directory or cannot be read
   */
  public static InputStream open(Path path) {
    checkReadableFile(path);
    try {
      return maybeGunzip(new BufferedInputStream(Files.newInputStream(path), BUFFER), path.toString());
    } catch (IOException e) {
      throw failure(path.toString(), e);
    }
  }

  /** Wraps {@code in} in a gunzipping stream when its first two bytes are the gzip magic. */
  public static InputStream maybeGunzip(InputStream in, String source) {
    InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in, BUFFER);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
      }
      return buffered;
    } catch (IOException e) {
      throw failure(source, e);
    }
  }

  /** All bytes of a file, gunzipped when compressed. */
  public static byte[] readAll(Path path) {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw failure(path.toString(), e);
    }
  }

  /** All bytes of a stream, gunzipped when compressed; {@code source} names it in messages. */
  public static byte[] readAll(InputStream raw, String source) {
    try (InputStream in = maybeGunzip(raw, source)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw failure(source, e);
    }
  }

  /** Refuses a path that does not name a readable regular file. */
  public static void checkReadableFile(Path path) {
    if (Files.isDirectory(path)) {
      throw new InputException(path + ": is a directory, expected a data file");
    }
    if (!Files.exists(path)) {
      throw new InputException(path + ": no such file");
    }
    if (!Files.isReadable(path)) {
      throw new InputException(path + ": cannot be read (permission denied)");
    }
  }

  /** The one-line {@link InputException} for an I/O failure while reading {@code source}. */
  public static InputException failure(String source, IOException e) {
    if (e instanceof EOFException) {
      return new InputException(source + ": gzip stream is truncated (unexpected end of data), expected a complete gzip file", e);
    }
    if (e instanceof ZipException) {
      return new InputException(source + ": corrupt gzip data (" + e.getMessage() + "), expected a valid gzip file", e);
    }
    if (e instanceof NoSuchFileException) {
      return new InputException(source + ": no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new InputException(source + ": cannot be read (permission denied)", e);
    }
    return new InputException(source + ": read failed (" + e + ")", e);
  }
}
