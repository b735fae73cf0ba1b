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

/**
 * The tests, like Basin, run on the OpenBLAS bundled with Basin, even where a system OpenBLAS is
 * installed too: checked on the files really mapped into this JVM (/proc/self/maps), not on
 * what was asked for.
 */
class NativeBlasTest {

  @Test
  void blasAndLapackRunOnTheBundledOpenBlas() {
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
    assertTrue(library.startsWith(NativeBlas.cacheDirectory()) || dir.startsWith("basin-openblas-"), library.toString());
    assertTrue(dir.contains("openblas-0.3.31-1.5.13-linux-x86_64"), library.toString());
    // its GCC runtime comes from the same directory (the system one may be absent)
    assertTrue(mapped.contains(library.resolveSibling("libgfortran.so.5")), "libgfortran mapped: "
        + mapped.stream().filter(p -> p.getFileName().toString().startsWith("libgfortran")).collect(Collectors.toList()));
    assertTrue(NativeBlas.description().contains(library.toString()), NativeBlas.description());
  }
}
