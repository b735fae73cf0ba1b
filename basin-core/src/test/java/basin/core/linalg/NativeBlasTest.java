package basin.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The tests, like Basin, run on the OpenBLAS bundled with Basin, even where a system OpenBLAS is
 * installed too: checked on the files really mapped into this JVM (/proc/self/maps), not on
 * what was asked for. Linux x86-64 only: the platform whose OpenBLAS jar the build resolves here.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
class NativeBlasTest {

  @Test
  void blasAndLapackRunOnTheBundledOpenBlas() throws java.io.IOException {
    NativeBlas.ensureLoaded();
    assertEquals(NativeBlas.Source.BUNDLED, NativeBlas.source(), NativeBlas.description());
    assertSame(NativeBlas.blas(), BLAS.getInstance());
    assertEquals("dev.ludovic.netlib.blas.JNIBLAS", BLAS.getInstance().getClass().getName(), NativeBlas.description());
    assertTrue(Gemm.isNative());
    assertSame(NativeBlas.lapack(), LAPACK.getInstance());
    assertTrue(LAPACK.getInstance() instanceof NativeLAPACK, LAPACK.getInstance().getClass().getName());
    assertTrue(NativeBlas.notice().isEmpty(), NativeBlas.notice().orElse(""));

    List<Path> mapped = NativeBlas.mappedFiles().orElseThrow();
    List<Path> blasLibraries = mapped.stream().filter(p -> {
      String name = p.getFileName().toString();
      return name.startsWith("libopenblas") || name.startsWith("libblas") || name.startsWith("liblapack");
    }).collect(Collectors.toList());
    assertEquals(1, blasLibraries.size(), "BLAS/LAPACK libraries mapped: " + blasLibraries);
    Path library = blasLibraries.get(0);
    assertEquals(library, NativeBlas.loadedLibrary().orElseThrow());
    // the per-user cache, or the private temp directory when the cache cannot be written
    String dir = library.getParent().getFileName().toString();
    assertTrue(library.startsWith(NativeBlas.cacheDirectory()) || library.startsWith(Path.of(System.getProperty("java.io.tmpdir"))), library.toString());
    String expectedDir = BundledOpenBlas.find(NativeBlasTest.class.getClassLoader(), "linux-x86_64").orElseThrow().directoryName();
    assertTrue(dir.equals(expectedDir) || dir.startsWith("basin-" + expectedDir + "-"), library + " is not in " + expectedDir);
    // its GCC runtime comes from the same directory (the system one may be absent)
    assertTrue(mapped.contains(library.resolveSibling("libgfortran.so.5")), "libgfortran mapped: "
        + mapped.stream().filter(p -> p.getFileName().toString().startsWith("libgfortran")).collect(Collectors.toList()));
    assertTrue(NativeBlas.description().contains(library.toString()), NativeBlas.description());
  }
}
