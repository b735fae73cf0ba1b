package basin.core.linalg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The OpenBLAS that the platform jar of {@code org.bytedeco:openblas} (classifier
 * {@code linux-x86_64}, {@code linux-arm64}, {@code macosx-x86_64}, {@code macosx-arm64}) carries as
 * resources under {@code org/bytedeco/openblas/<classifier>/}: the library itself and the GCC
 * runtime it links against (libgfortran, libquadmath, libgcc_s). Only those shared libraries are
 * used, not JavaCPP's JNI wrappers shipped beside them.
 *
 * <p>A dynamic linker cannot load from inside a jar, so {@link #extractTo} copies the libraries
 * into a directory named after the version and classifier. Extraction is atomic per directory:
 * everything is written into a fresh staging directory beside the target, checked against the
 * sizes and CRC-32s recorded in the jar, and renamed into place in one {@code rename(2)}. A
 * process therefore sees either no directory or a complete one, and processes extracting at
 * once each rename a complete copy, the first one winning.
 */
final class BundledOpenBlas {

  private static final String RESOURCE_ROOT = "org/bytedeco/openblas/";
  private static final String POM_PROPERTIES = "META-INF/maven/org.bytedeco/openblas/pom.properties";
  /** Staging directories older than this are left over from a killed process and are removed. */
  private static final Duration STALE_STAGING_AGE = Duration.ofHours(1);
  private static final int INSTALL_ATTEMPTS = 3;

  /** One shared library in the jar; {@code size} and {@code crc} are -1 where the jar does not record them. */
  record Library(String name, long size, long crc) {}

  private final String version;
  private final String classifier;
  private final String mainLibrary;
  private final String baseUrl;
  private final List<Library> libraries;

  private BundledOpenBlas(String version, String classifier, String mainLibrary, String baseUrl, List<Library> libraries) {
    this.version = version;
    this.classifier = classifier;
    this.mainLibrary = mainLibrary;
    this.baseUrl = baseUrl;
    this.libraries = List.copyOf(libraries);
  }

  /**
   * The JavaCPP classifier of a platform ({@code os.name}, {@code os.arch} as the JVM reports them),
   * or empty for platforms without a bundled OpenBLAS here.
   */
  static Optional<String> classifier(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String osPart = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : null;
    String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : null;
    return osPart == null || archPart == null ? Optional.empty() : Optional.of(osPart + "-" + archPart);
  }

  /** The file name of OpenBLAS itself in the jar of a classifier, as JavaCPP names it ({@code openblas@.0}). */
  static String mainLibraryName(String classifier) {
    return classifier.startsWith("macosx") ? "libopenblas.0.dylib" : "libopenblas.so.0";
  }

  /**
   * The bundled OpenBLAS for {@code classifier} as found by {@code loader}, or empty when its jar is
   * not on the class path.
   *
   * @throws IOException if the jar is there but cannot be read
   */
  static Optional<BundledOpenBlas> find(ClassLoader loader, String classifier) throws IOException {
    String main = mainLibraryName(classifier);
    String dir = RESOURCE_ROOT + classifier + "/";
    URL url = loader.getResource(dir + main);
    if (url == null) {
      return Optional.empty();
    }
    String spec = url.toString();
    String base = spec.substring(0, spec.length() - main.length());
    List<Library> libraries = new ArrayList<>();
    String version = null;
    if (url.getProtocol().equals("jar")) {
      URLConnection connection = url.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
          JarEntry entry = e.nextElement();
          String name = entry.getName();
          if (name.startsWith(dir) && isRuntimeLibrary(name.substring(dir.length()))) {
            libraries.add(new Library(name.substring(dir.length()), entry.getSize(), entry.getCrc()));
          }
        }
        JarEntry pom = jar.getJarEntry(POM_PROPERTIES);
        if (pom != null) {
          try (InputStream in = jar.getInputStream(pom)) {
            Properties p = new Properties();
            p.load(in);
            version = p.getProperty("version");
          }
        }
      }
    } else if (url.getProtocol().equals("file")) {
      Path folder;
      try {
        folder = Path.of(url.toURI()).getParent();
      } catch (java.net.URISyntaxException e) {
        throw new IOException("unreadable resource location " + url, e);
      }
      try (Stream<Path> files = Files.list(folder)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          String name = p.getFileName().toString();
          if (Files.isRegularFile(p) && isRuntimeLibrary(name)) {
            libraries.add(new Library(name, Files.size(p), -1));
          }
        }
      }
    } else {
      throw new IOException("cannot list the bundled OpenBLAS at " + url);
    }
    libraries.sort(Comparator.comparing(Library::name));
    if (version == null) {
      // no Maven metadata (a repackaged jar): name the directory after the contents instead
      CRC32 fingerprint = new CRC32();
      for (Library l : libraries) {
        fingerprint.update((l.name() + ":" + l.size() + ":" + l.crc() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      version = "unversioned-" + Long.toHexString(fingerprint.getValue());
    }
    return Optional.of(new BundledOpenBlas(version, classifier, main, base, libraries));
  }

  /** A shared library of the OpenBLAS runtime: not a header, not one of JavaCPP's JNI wrappers. */
  private static boolean isRuntimeLibrary(String fileName) {
    return !fileName.isEmpty() && fileName.indexOf('/') < 0 && !fileName.startsWith("libjni")
        && (fileName.contains(".so") || fileName.endsWith(".dylib"));
  }

  /** The version of the Maven artifact, e.g. {@code 0.3.31-1.5.13}. */
  String version() {
    return version;
  }

  String classifier() {
    return classifier;
  }

  /** The file name of OpenBLAS itself, e.g. {@code libopenblas.so.0}. */
  String mainLibrary() {
    return mainLibrary;
  }

  List<Library> libraries() {
    return libraries;
  }

  /** The name of the extracted directory: {@code openblas-<version>-<classifier>}. */
  String directoryName() {
    return "openblas-" + version + "-" + classifier;
  }

  /**
   * The libraries in the order to load them so that each one's dependencies are already loaded:
   * libquadmath, then libgfortran, then anything else, OpenBLAS last. libgcc_s is left out, as
   * every process already has one; {@link #gccRuntime()} is the fallback when it does not.
   */
  List<String> loadOrder() {
    List<String> order = new ArrayList<>();
    for (String prefix : new String[] {"libquadmath", "libgfortran"}) {
      for (Library l : libraries) {
        if (l.name().startsWith(prefix)) {
          order.add(l.name());
        }
      }
    }
    for (Library l : libraries) {
      if (!order.contains(l.name()) && !l.name().equals(mainLibrary) && !l.name().startsWith("libgcc_s")) {
        order.add(l.name());
      }
    }
    order.add(mainLibrary);
    return order;
  }

  /** The bundled libgcc_s, if any. */
  Optional<String> gccRuntime() {
    return libraries.stream().map(Library::name).filter(n -> n.startsWith("libgcc_s")).findFirst();
  }

  /**
   * Whether {@code dir} holds every library of this bundle with the size recorded in the jar.
   * Sizes, not checksums, are compared on every start (checksums are verified when extracting):
   * a directory only ever appears complete through the atomic rename, and a truncated file left by
   * a full disk or a crash shows in its size.
   */
  boolean isComplete(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try {
      for (Library l : libraries) {
        Path p = dir.resolve(l.name());
        if (!Files.isRegularFile(p) || (l.size() >= 0 && Files.size(p) != l.size())) {
          return false;
        }
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * The directory {@code parent/directoryName()} with every library of this bundle, extracting it
   * if it is missing or incomplete. Safe against other threads and processes doing the same at
   * the same time: each writes a staging directory of its own and renames it into place; a loser
   * of the race finds the winner's complete copy and discards its own. An incomplete directory (a
   * truncated file) is renamed away and replaced.
   *
   * @throws IOException if the directory cannot be created, written or renamed
   */
  Path extractTo(Path parent) throws IOException {
    Path target = parent.resolve(directoryName());
    if (isComplete(target)) {
      return target;
    }
    Files.createDirectories(parent);
    removeStaleStaging(parent);
    IOException last = null;
    for (int attempt = 0; attempt < INSTALL_ATTEMPTS; attempt++) {
      Path staging = Files.createTempDirectory(parent, stagingPrefix());
      try {
        for (Library l : libraries) {
          copy(l, staging.resolve(l.name()));
        }
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
          return target;
        } catch (IOException e) {
          // lost the race to another process (rename(2) onto a non-empty directory fails), or the
          // target is a broken leftover: told apart below
          last = e;
        }
      } finally {
        deleteTree(staging);
      }
      if (isComplete(target)) {
        return target;
      }
      if (Files.exists(target)) {
        moveAside(target);
      }
    }
    throw new IOException("could not install " + target + ": " + last.getMessage(), last);
  }

  /**
   * Extracts into a new private directory under {@code parent} (mode 0700, a unique name) that is
   * deleted when the JVM exits: the fallback when the cache directory cannot be written. Never
   * reuses an existing directory, as a shared temp directory may hold files of other users.
   *
   * @throws IOException if nothing can be written there either
   */
  Path extractToPrivateTemp(Path parent) throws IOException {
    Path dir = Files.createTempDirectory(parent, "basin-" + directoryName() + "-");
    dir.toFile().deleteOnExit();
    for (Library l : libraries) {
      Path p = dir.resolve(l.name());
      p.toFile().deleteOnExit();
      copy(l, p);
    }
    return dir;
  }

  private String stagingPrefix() {
    return "." + directoryName() + ".partial-";
  }

  private void copy(Library l, Path destination) throws IOException {
    URL url = URI.create(baseUrl + l.name()).toURL();
    CRC32 crc = new CRC32();
    long written = 0;
    try (InputStream in = url.openStream();
        OutputStream out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0;) {
        out.write(buffer, 0, n);
        crc.update(buffer, 0, n);
        written += n;
      }
    }
    if (l.size() >= 0 && written != l.size()) {
      throw new IOException("extracted " + written + " bytes of " + l.name() + ", the jar records " + l.size());
    }
    if (l.crc() >= 0 && crc.getValue() != l.crc()) {
      throw new IOException("CRC-32 of the extracted " + l.name() + " differs from the jar's");
    }
  }

  private void moveAside(Path target) {
    try {
      Path aside = Files.createTempDirectory(target.getParent(), stagingPrefix() + "broken-");
      Files.move(target, aside.resolve("old"), StandardCopyOption.ATOMIC_MOVE);
      deleteTree(aside);
    } catch (NoSuchFileException e) {
      // another process moved it first
    } catch (IOException e) {
      // the next attempt fails on the rename and reports it
    }
  }

  private void removeStaleStaging(Path parent) {
    Instant limit = Instant.now().minus(STALE_STAGING_AGE);
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (p.getFileName().toString().startsWith(stagingPrefix())) {
          FileTime modified = Files.getLastModifiedTime(p);
          if (modified.toInstant().isBefore(limit)) {
            deleteTree(p);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // leftovers are harmless, only untidy
    }
  }

  /** Best-effort recursive delete; a library already mapped by a process stays valid after unlinking. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
