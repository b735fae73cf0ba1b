package basin.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory this process cannot create files in, for the read-only tests: a fresh directory with
 * mode r-xr-xr-x, or, where that has no effect (running as root, which chmod does not stop), sysfs's
 * /sys, where no process can create files. Null when neither is available: the test then skips.
 */
final class ReadOnlyDirectories {
  private ReadOnlyDirectories() {}

  static Path readOnlyDirectory(Path parent) throws IOException {
    Path dir = Files.createDirectory(parent.resolve("read-only"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!Files.isWritable(dir) && cannotCreateIn(dir)) {
      return dir;
    }
    Path sys = Path.of("/sys");
    return Files.isDirectory(sys) && cannotCreateIn(sys) ? sys : null;
  }

  private static boolean cannotCreateIn(Path dir) {
    Path probe = dir.resolve("basin-write-probe");
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
