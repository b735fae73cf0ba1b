package basin.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both paths of Gemm (fused loops and BLAS) against a naive triple loop. */
class GemmTest {

  /** Sums of k products of O(1) numbers: round-off grows like k * 2^-52; 1e-12 relative covers k <= 1000. */
  static final double TOLERANCE = 1e-12;

  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} beta={5}")
  @CsvSource({
      "3,4,5,false,false,0", "3,4,5,false,true,1", "3,4,5,true,false,0.5", "3,4,5,true,true,0",
      "1,7,1,false,true,0", "7,1,9,true,false,1",
      "70,60,50,false,false,0", "70,60,50,false,true,1", "70,60,50,true,false,0.5", "70,60,50,true,true,0",
      "300,2,200,false,true,0", "2,300,200,true,false,1"})
  void matchesNaiveProduct(int m, int n, int k, boolean transA, boolean transB, double beta) {
    SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
    int offA = 3;
    int offB = 5;
    int offC = 2;
    double[] a = random(r, offA + m * k);
    double[] b = random(r, offB + k * n);
    double[] c = random(r, offC + m * n + 4);
    double[] expected = c.clone();
    double alpha = 1.5;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double aip = transA ? a[offA + p * m + i] : a[offA + i * k + p];
          double bpj = transB ? b[offB + j * k + p] : b[offB + p * n + j];
          s += aip * bpj;
        }
        expected[offC + i * n + j] = alpha * s + beta * c[offC + i * n + j];
      }
    }
    Gemm.gemm(transA, transB, m, n, k, alpha, a, offA, b, offB, beta, c, offC);
    for (int i = 0; i < c.length; i++) {
      assertEquals(expected[i], c[i], TOLERANCE * Math.max(1, Math.abs(expected[i])) * Math.sqrt(k), "entry " + i);
    }
  }

  /** Sub-blocks addressed by row strides (lda, ldb, ldc larger than the block widths). */
  @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
  @CsvSource({"3,4,5,false,false", "3,4,5,true,false", "3,4,5,false,true", "3,4,5,true,true",
      "60,50,70,false,false", "60,50,70,true,false", "60,50,70,false,true", "60,50,70,true,true"})
  void stridedBlocksMatchNaiveProduct(int m, int n, int k, boolean transA, boolean transB) {
    SplittableRandom r = new SplittableRandom(m + 7L * n + 31L * k);
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    int lda = aCols + 3;
    int ldb = bCols + 5;
    int ldc = n + 2;
    double[] a = random(r, 1 + aRows * lda);
    double[] b = random(r, 2 + bRows * ldb);
    double[] c = random(r, 4 + m * ldc);
    double[] expected = c.clone();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double aip = transA ? a[1 + p * lda + i] : a[1 + i * lda + p];
          double bpj = transB ? b[2 + j * ldb + p] : b[2 + p * ldb + j];
          s += aip * bpj;
        }
        expected[4 + i * ldc + j] = 0.5 * s + c[4 + i * ldc + j];
      }
    }
    Gemm.gemm(transA, transB, m, n, k, 0.5, a, 1, lda, b, 2, ldb, 1.0, c, 4, ldc);
    for (int i = 0; i < c.length; i++) {
      assertEquals(expected[i], c[i], TOLERANCE * Math.max(1, Math.abs(expected[i])) * Math.sqrt(k), "entry " + i);
    }
  }

  private static double[] random(SplittableRandom r, int len) {
    double[] x = new double[len];
    for (int i = 0; i < len; i++) x[i] = 2 * r.nextDouble() - 1;
    return x;
  }
}
