package basin.core.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the native BLAS and LAPACK library that {@code dev.ludovic.netlib} loads, before it
 * loads one. dev.ludovic.netlib opens the library named by the system properties
 * {@value #BLAS_PATH_PROPERTY} and {@value #LAPACK_PATH_PROPERTY} (by default whatever
 * {@code libblas.so.3} is, often the reference BLAS, 16 times slower than OpenBLAS on DGEMM), and
 * falls back to pure Java when that fails. In this order, the first that loads wins:
 *
 * <ol>
 *   <li>the user's own choice: if any of {@code dev.ludovic.netlib.{blas,lapack}.nativeLib[Path]}
 *       is set, Basin sets nothing;
 *   <li>the OpenBLAS bundled with Basin (the {@code org.bytedeco:openblas} platform jar on the class
 *       path), extracted once to {@code ${XDG_CACHE_HOME:-~/.cache}/basin/openblas-<version>-<classifier>/}
 *       (see {@link BundledOpenBlas}), or, when that directory cannot be written, to a private
 *       temporary directory deleted at exit; {@code -Dbasin.blas.bundled=false} skips it;
 *   <li>a system OpenBLAS at a usual path ({@code /usr/lib/<arch>-linux-gnu/libopenblas.so.0}, ...);
 *   <li>dev.ludovic.netlib's own default: {@code libblas.so.3} if present, else its Java BLAS.
 * </ol>
 *
 * <p>A candidate counts as loaded once {@link System#load} has mapped it with its dependencies;
 * the properties then point dev.ludovic.netlib at that same file, so it cannot fail afterwards.
 * Nothing here throws: every failure moves on to the next candidate and is kept as a reason.
 *
 * <p>In the last case, and whenever the result is not native, one line goes to stderr, once per
 * JVM, unless {@code -Dbasin.blas.quiet=true}; {@link #notice()} returns the same line for callers
 * that print it themselves. No other output.
 *
 * <p>Take BLAS and LAPACK from {@link #blas()} and {@link #lapack()}, or call {@link #ensureLoaded()}
 * before the first {@code BLAS.getInstance()} or {@code LAPACK.getInstance()} anywhere: once
 * dev.ludovic.netlib has loaded a library, later settings have no effect. {@link Gemm} takes its
 * BLAS from here in its static initializer.
 */
public final class NativeBlas {

  /** Path of the BLAS library dev.ludovic.netlib opens (read by its JNI glue at load time). */
  public static final String BLAS_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  /** Path of the LAPACK library dev.ludovic.netlib opens. */
  public static final String LAPACK_PATH_PROPERTY = "dev.ludovic.netlib.lapack.nativeLibPath";
  private static final String[] USER_PROPERTIES = {
    BLAS_PATH_PROPERTY, "dev.ludovic.netlib.blas.nativeLib", LAPACK_PATH_PROPERTY, "dev.ludovic.netlib.lapack.nativeLib"};
  /** {@code false} skips the bundled OpenBLAS. */
  public static final String BUNDLED_PROPERTY = "basin.blas.bundled";
  /** {@code true} keeps the fallback notice off stderr. */
  public static final String QUIET_PROPERTY = "basin.blas.quiet";

  /** Where the native library in use came from. */
  public enum Source {
    /** Set by the user through dev.ludovic.netlib's system properties. */
    USER_SETTING,
    /** The OpenBLAS bundled with Basin, extracted from its jar. */
    BUNDLED,
    /** An OpenBLAS installed on the system. */
    SYSTEM,
    /** Neither: dev.ludovic.netlib's default ({@code libblas.so.3}, else pure Java). */
    NETLIB_DEFAULT
  }

  private record Choice(Source source, Optional<Path> library, String label, List<String> reasons) {}

  /** Initialized on first use, once per JVM (class initialization is the lock). */
  private static final class Loaded {
    static final Choice CHOICE = choose();
    static final BLAS INSTANCE = BLAS.getInstance();
    static final Optional<String> NOTICE = noticeFor(CHOICE, INSTANCE);

    static {
      if (NOTICE.isPresent() && !Boolean.getBoolean(QUIET_PROPERTY)) {
        System.err.println(NOTICE.get());
      }
    }
  }

  private NativeBlas() {}

  /**
   * Chooses and loads the native library (first call only; later calls return at once) and
   * initializes dev.ludovic.netlib's BLAS. Call it before the first {@code LAPACK.getInstance()}.
   */
  public static void ensureLoaded() {
    blas();
  }

  /** dev.ludovic.netlib's BLAS, after {@link #ensureLoaded()}. */
  public static BLAS blas() {
    return Loaded.INSTANCE;
  }

  /**
   * dev.ludovic.netlib's LAPACK, after {@link #ensureLoaded()}: through JNI on the same library as
   * {@link #blas()} when that is the bundled or a system OpenBLAS (OpenBLAS includes LAPACK).
   */
  public static LAPACK lapack() {
    ensureLoaded();
    return LAPACK.getInstance();
  }

  /** Whether {@link #blas()} calls a native library through JNI (false: pure Java). */
  public static boolean isNative() {
    return blas() instanceof NativeBLAS;
  }

  /** Where the native library came from. */
  public static Source source() {
    ensureLoaded();
    return Loaded.CHOICE.source();
  }

  /**
   * The file of the native BLAS in use: on Linux the one mapped into this process (from
   * {@code /proc/self/maps}, so what was really loaded), elsewhere the one chosen. Empty for the
   * pure-Java BLAS or when it cannot be told.
   */
  public static Optional<Path> loadedLibrary() {
    if (!isNative()) {
      return Optional.empty();
    }
    Optional<Path> chosen = Loaded.CHOICE.library();
    Optional<List<Path>> mapped = mappedFiles();
    if (mapped.isEmpty()) {
      return chosen;
    }
    if (chosen.isPresent()) {
      for (Path p : mapped.get()) {
        if (sameFile(p, chosen.get())) {
          return Optional.of(p);
        }
      }
    }
    for (Path p : mapped.get()) {
      String name = p.getFileName().toString();
      if (name.startsWith("libopenblas") || name.startsWith("libblas") || name.startsWith("libmkl_rt") || name.startsWith("libflexiblas")) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * One line for {@code basin --version} and run metadata: the implementation class, the library
   * file and where it came from, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS on
   * /home/u/.cache/basin/openblas-0.3.31-1.5.13-linux-x86_64/libopenblas.so.0 (OpenBLAS
   * 0.3.31-1.5.13 bundled with Basin)}.
   */
  public static String description() {
    String implementation = blas().getClass().getName();
    if (!isNative()) {
      return implementation + " (pure Java: no native BLAS loaded)";
    }
    return implementation + " on " + loadedLibrary().map(Path::toString).orElse("an unidentified library")
        + " (" + Loaded.CHOICE.label() + ")";
  }

  /**
   * The one-line notice printed at start-up when Basin runs without OpenBLAS (pure Java, or a
   * native library other than the bundled or a system OpenBLAS); empty otherwise.
   */
  public static Optional<String> notice() {
    ensureLoaded();
    return Loaded.NOTICE;
  }

  /** Basin's per-user cache directory for extracted libraries: {@code ${XDG_CACHE_HOME:-~/.cache}/basin}. */
  public static Path cacheDirectory() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("basin");
  }

  private static Choice choose() {
    for (String p : USER_PROPERTIES) {
      String v = System.getProperty(p);
      if (v != null) {
        Optional<Path> path = p.endsWith("Path") ? Optional.of(Path.of(v)) : Optional.empty();
        return new Choice(Source.USER_SETTING, path, "set by -D" + p, List.of());
      }
    }
    List<String> reasons = new ArrayList<>();
    if (!"false".equalsIgnoreCase(System.getProperty(BUNDLED_PROPERTY))) {
      try {
        BundledOpenBlas bundle = findBundle();
        Path library = loadBundled(bundle, reasons);
        use(library);
        return new Choice(Source.BUNDLED, Optional.of(library), "OpenBLAS " + bundle.version() + " bundled with Basin", List.of());
      } catch (IOException | RuntimeException | LinkageError e) {
        reasons.add("bundled OpenBLAS: " + oneLine(e));
      }
    } else {
      reasons.add("bundled OpenBLAS disabled by -D" + BUNDLED_PROPERTY + "=false");
    }
    for (Path candidate : systemCandidates()) {
      if (Files.isRegularFile(candidate)) {
        try {
          load(candidate);
          use(candidate);
          return new Choice(Source.SYSTEM, Optional.of(candidate), "system OpenBLAS", reasons);
        } catch (LinkageError | RuntimeException e) {
          reasons.add(candidate + ": " + oneLine(e));
        }
      }
    }
    reasons.add("no system OpenBLAS");
    return new Choice(Source.NETLIB_DEFAULT, Optional.empty(), "dev.ludovic.netlib's default library", reasons);
  }

  private static BundledOpenBlas findBundle() throws IOException {
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    String classifier = BundledOpenBlas.classifier(os, arch)
        .orElseThrow(() -> new IOException("none is built for " + os + "/" + arch));
    ClassLoader loader = NativeBlas.class.getClassLoader();
    return BundledOpenBlas.find(loader == null ? ClassLoader.getSystemClassLoader() : loader, classifier)
        .orElseThrow(() -> new IOException("org.bytedeco:openblas:" + classifier + " is not on the class path"));
  }

  /** Extracts (to the cache, else a private temp directory) and loads the bundle; returns OpenBLAS's path. */
  private static Path loadBundled(BundledOpenBlas bundle, List<String> reasons) throws IOException {
    Path dir;
    try {
      dir = bundle.extractTo(cacheDirectory());
    } catch (IOException | RuntimeException e) {
      reasons.add("cache " + cacheDirectory() + ": " + oneLine(e));
      dir = bundle.extractToPrivateTemp(Path.of(System.getProperty("java.io.tmpdir")));
    }
    try {
      for (String name : bundle.loadOrder()) {
        load(dir.resolve(name));
      }
    } catch (UnsatisfiedLinkError e) {
      // a process without libgcc_s of its own (rare): load the bundled one and try again
      if (bundle.gccRuntime().isEmpty()) {
        throw e;
      }
      load(dir.resolve(bundle.gccRuntime().get()));
      for (String name : bundle.loadOrder()) {
        load(dir.resolve(name));
      }
    }
    return dir.resolve(bundle.mainLibrary());
  }

  private static void load(Path library) {
    try {
      System.load(library.toAbsolutePath().toString());
    } catch (UnsatisfiedLinkError e) {
      // loaded already by another class loader of this JVM: mapped all the same
      if (e.getMessage() == null || !e.getMessage().contains("already loaded in another classloader")) {
        throw e;
      }
    }
  }

  private static void use(Path library) {
    String path = library.toAbsolutePath().toString();
    System.setProperty(BLAS_PATH_PROPERTY, path);
    System.setProperty(LAPACK_PATH_PROPERTY, path);
  }

  /** Usual install locations of a system OpenBLAS (Debian/Ubuntu, Fedora/RHEL, Homebrew, /usr/local). */
  private static List<Path> systemCandidates() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.startsWith("mac")) {
      return List.of(Path.of("/opt/homebrew/opt/openblas/lib/libopenblas.dylib"),
          Path.of("/usr/local/opt/openblas/lib/libopenblas.dylib"));
    }
    String arch = System.getProperty("os.arch");
    String multiarch = (arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch) + "-linux-gnu";
    return List.of(Path.of("/usr/lib", multiarch, "libopenblas.so.0"), Path.of("/lib", multiarch, "libopenblas.so.0"),
        Path.of("/usr/lib64/libopenblasp.so.0"), Path.of("/usr/lib64/libopenblas.so.0"),
        Path.of("/usr/lib/libopenblas.so.0"), Path.of("/usr/local/lib/libopenblas.so.0"));
  }

  private static Optional<String> noticeFor(Choice choice, BLAS instance) {
    String why = choice.reasons().isEmpty() ? "" : " (" + String.join("; ", choice.reasons()) + ")";
    if (!(instance instanceof NativeBLAS)) {
      return Optional.of("basin: no native BLAS could be loaded" + why + "; matrix products run on the pure-Java "
          + instance.getClass().getSimpleName() + ", many times slower");
    }
    if (choice.source() == Source.NETLIB_DEFAULT) {
      return Optional.of("basin: no OpenBLAS found" + why + "; using dev.ludovic.netlib's default libblas.so.3, which may be much slower");
    }
    return Optional.empty();
  }

  /** The files mapped into this process, in the order of /proc/self/maps; empty where there is none. */
  static Optional<List<Path>> mappedFiles() {
    Path maps = Path.of("/proc/self/maps");
    if (!Files.isReadable(maps)) {
      return Optional.empty();
    }
    try {
      Set<Path> files = new LinkedHashSet<>();
      for (String line : Files.readAllLines(maps)) {
        int slash = line.indexOf('/');
        if (slash > 0 && !line.endsWith(" (deleted)")) {
          files.add(Path.of(line.substring(slash)));
        }
      }
      return Optional.of(List.copyOf(files));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
