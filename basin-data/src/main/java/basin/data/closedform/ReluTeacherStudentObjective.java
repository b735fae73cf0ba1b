package basin.data.closedform;

import basin.core.Objective;
import basin.core.model.Initializer;
import basin.data.GlobalReference;
import java.util.SplittableRandom;

/**
 * Population squared loss of a two-layer ReLU student against a two-layer ReLU teacher with
 * standard Gaussian inputs, second layers fixed to ones:
 *
 * <pre>
 *   L(W) = 1/2 E_{x ~ N(0, I_d)} [ (sum_i relu(w_i . x) - sum_j relu(v_j . x))^2 ]
 *        = 1/2 sum_{i,i'} k(w_i, w_i') - sum_{i,j} k(w_i, v_j) + 1/2 sum_{j,j'} k(v_j, v_j')
 *   k(w, v) = E[relu(w . x) relu(v . x)] = |w| |v| / (2 pi) (sin t + (pi - t) cos t),  t = angle(w, v)
 * </pre>
 *
 * (the degree-1 arc-cosine kernel of Cho and Saul 2009; the loss of Safran and Shamir 2018, who
 * found spurious local minima of it for 6 &lt;= k = m &lt;= 20). Derivatives, with a = |w|, b = |v|,
 * w^ = w/a, v^ = v/b, c = cos t, s = sin t:
 *
 * <pre>
 *   d k / d w       = (b s w^ + (pi - t) v) / (2 pi)
 *   d2 k / dw dw^T  = b / (2 pi a) [ s (I - w^ w^^T) + r r^T / s ],           r = v^ - c w^
 *   d2 k / dw dv^T  = 1 / (2 pi) [ (pi - t) I + s w^ v^^T + r q^T / s ],      q = w^ - c v^
 * </pre>
 *
 * The r r^T / s and r q^T / s terms tend to 0 with s (|r| = |q| = s), and are dropped at s = 0.
 *
 * <p>Parameters: the k x d student matrix W, row-major (unit i at [i d, (i+1) d)). Global minimum 0,
 * attained by copying the teacher, whenever k &gt;= m. Cost of a value, gradient or Hessian-vector
 * product: O((k + m) k d). NaN parameters give NaN. At a zero weight vector the loss is not
 * differentiable: the gradient takes relu'(0) = 1/2 (a contribution v/4 per partner v) and the
 * Hessian blocks that involve the zero vector are 0.
 *
 * <p>Rounding. The loss is a signed sum of K = k(k+1)/2 + k m + m(m+1)/2 kernel terms that cancel
 * at a global minimum. {@link #value} therefore (1) evaluates the kernel by a formula that is
 * bitwise symmetric in its arguments and exact at t = 0 (t = 2 atan2(|w^ - v^|, |w^ + v^|), and
 * k = a b (1/2 - sin^2(t/2) + (sin t - t cos t) / (2 pi)), so equal rows give equal terms), (2) adds
 * all K signed terms with Neumaier's compensated summation, so terms that are equal cancel
 * exactly, and (3) returns max(0, sum): a squared loss is never negative. To first order in the
 * unit roundoff, the computed value differs from the exact L(W) by at most {@link #valueRoundingBound(double[])} = (K + 2 d + 16)
 * eps (sum_i |w_i| + sum_j |v_j|)^2 / 2, eps = 2^-53: each term a b g(t) carries at most (2 d + 16)
 * eps a b of evaluation error, the summation at most K eps times the sum of |terms|, and the sum of
 * a b over the weighted pairs is exactly (sum |w_i| + sum |v_j|)^2 / 2. At W = a row permutation of
 * the teacher (k = m) the terms cancel in pairs and the computed loss is 0 up to O(K eps^2) times
 * that sum, before the clamp. The gradient and Hessian are not clamped.
 */
public final class ReluTeacherStudentObjective implements Objective {
  private static final double TWO_PI = 2 * Math.PI;

  private final int students;
  private final int teachers;
  private final int inputDim;
  private final double[] teacher;
  /** The teacher-teacher terms of the loss: |v_j|^2 / 4 and k(v_j, v_j') for j &lt; j'. */
  private final double[] teacherTerms;
  // workspace: unit vectors and norms of the current student rows
  private final double[] unit;
  private final double[] norm;
  private final double[] teacherUnit;
  private final double[] teacherNorm;

  /**
   * @param students k &gt;= 1 hidden units of the student
   * @param teacher m x d teacher weights, row-major (copied)
   * @param teachers m &gt;= 1
   * @param inputDim d &gt;= 1
   */
  public ReluTeacherStudentObjective(int students, double[] teacher, int teachers, int inputDim) {
    if (students < 1 || teachers < 1 || inputDim < 1) {
      throw new IllegalArgumentException("need k, m, d >= 1, got k=" + students + ", m=" + teachers + ", d=" + inputDim);
    }
    if (teacher.length != teachers * inputDim) {
      throw new IllegalArgumentException("teacher has " + teacher.length + " weights, expected m*d = " + teachers * inputDim);
    }
    for (double v : teacher) if (!Double.isFinite(v)) throw new IllegalArgumentException("teacher weights must be finite, got " + v);
    this.students = students;
    this.teachers = teachers;
    this.inputDim = inputDim;
    this.teacher = teacher.clone();
    this.teacherUnit = new double[teacher.length];
    this.teacherNorm = new double[teachers];
    normalizeRows(this.teacher, teachers, inputDim, teacherUnit, teacherNorm);
    this.teacherTerms = new double[teachers * (teachers + 1) / 2];
    int next = 0;
    for (int j = 0; j < teachers; j++) {
      teacherTerms[next++] = 0.25 * (teacherNorm[j] * teacherNorm[j]);
      for (int j2 = j + 1; j2 < teachers; j2++) {
        teacherTerms[next++] = kernel(teacherUnit, j * inputDim, teacherNorm[j], teacherUnit, j2 * inputDim, teacherNorm[j2], inputDim);
      }
    }
    this.unit = new double[students * inputDim];
    this.norm = new double[students];
  }

  /** The teacher v_j = e_j, j = 1..d (m = d). */
  public static ReluTeacherStudentObjective identityTeacher(int students, int inputDim) {
    double[] v = new double[inputDim * inputDim];
    for (int j = 0; j < inputDim; j++) v[j * inputDim + j] = 1.0;
    return new ReluTeacherStudentObjective(students, v, inputDim, inputDim);
  }

  /**
   * A teacher with m rows of independent standard normal entries (m x d), drawn from {@code seed}
   * with {@link Initializer#gaussian} in row-major order.
   *
   * @param students k &gt;= 1
   * @param teachers m &gt;= 1
   * @param inputDim d &gt;= 1
   * @param seed the seed of the teacher
   */
  public static ReluTeacherStudentObjective gaussianTeacher(int students, int teachers, int inputDim, long seed) {
    if (students < 1 || teachers < 1 || inputDim < 1) {
      throw new IllegalArgumentException("need k, m, d >= 1, got k=" + students + ", m=" + teachers + ", d=" + inputDim);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[teachers * inputDim];
    for (int i = 0; i < v.length; i++) v[i] = Initializer.gaussian(random);
    return new ReluTeacherStudentObjective(students, v, teachers, inputDim);
  }

  /**
   * The initialization of Safran and Shamir (2018): a k x d student with independent N(0, 1/d)
   * entries (standard deviation 1/sqrt(d)), a pure function of {@code seed} (standard normals from
   * {@link Initializer#gaussian} on {@code new SplittableRandom(seed)}, row-major).
   */
  public double[] gaussianStart(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double std = 1.0 / Math.sqrt(inputDim);
    double[] w = new double[students * inputDim];
    for (int i = 0; i < w.length; i++) w[i] = std * Initializer.gaussian(random);
    return w;
  }

  private ReluTeacherStudentObjective(ReluTeacherStudentObjective o) {
    this.students = o.students;
    this.teachers = o.teachers;
    this.inputDim = o.inputDim;
    this.teacher = o.teacher;
    this.teacherUnit = o.teacherUnit;
    this.teacherNorm = o.teacherNorm;
    this.teacherTerms = o.teacherTerms;
    this.unit = new double[o.unit.length];
    this.norm = new double[o.norm.length];
  }

  public int students() {
    return students;
  }

  public int teachers() {
    return teachers;
  }

  public int inputDim() {
    return inputDim;
  }

  /** The teacher weights, m x d row-major (a copy). With k = m this is a global minimum. */
  public double[] teacherWeights() {
    return teacher.clone();
  }

  /** 0 when the student is at least as wide as the teacher, otherwise unknown. */
  public GlobalReference globalReference() {
    return students >= teachers
        ? GlobalReference.realizable("the student (k=" + students + ") can copy the teacher (m=" + teachers + "): population loss 0, attained")
        : GlobalReference.unknown("student narrower than teacher (k=" + students + " < m=" + teachers + "): no closed form");
  }

  @Override
  public int dimension() {
    return students * inputDim;
  }

  /**
   * L(W), clamped at 0 and computed with compensated summation (see the class comment; the error
   * is at most {@link #valueRoundingBound(double[])}). NaN parameters give NaN.
   */
  @Override
  public double value(double[] w) {
    checkLength(w);
    normalizeRows(w, students, inputDim, unit, norm);
    // Neumaier's compensated sum of all signed terms: equal terms of opposite sign cancel exactly
    double sum = 0;
    double compensation = 0;
    for (int i = 0; i < students; i++) {
      int oi = i * inputDim;
      for (int term = -1; term < students + teachers; term++) {
        double x;
        if (term < 0) {
          x = 0.25 * (norm[i] * norm[i]);
        } else if (term < students) {
          if (term <= i) continue;
          x = kernel(unit, oi, norm[i], unit, term * inputDim, norm[term], inputDim);
        } else {
          int j = term - students;
          x = -kernel(unit, oi, norm[i], teacherUnit, j * inputDim, teacherNorm[j], inputDim);
        }
        double t = sum + x;
        compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
      }
    }
    for (double x : teacherTerms) {
      double t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    double loss = sum + compensation;
    return loss < 0 ? 0.0 : loss + 0.0; // + 0.0 turns -0.0 into 0.0; NaN stays NaN
  }

  /**
   * An upper bound on |value(w) - L(w)| from rounding: (K + 2 d + 16) eps (sum_i |w_i| + sum_j
   * |v_j|)^2 / 2 with K = k(k+1)/2 + k m + m(m+1)/2 kernel terms and eps = 2^-53 (derivation in the
   * class comment). A computed loss below it is indistinguishable from 0.
   *
   * @param w parameters, length k d (not modified)
   */
  public double valueRoundingBound(double[] w) {
    checkLength(w);
    double total = 0;
    for (int i = 0; i < students; i++) {
      double sq = 0;
      for (int k = 0; k < inputDim; k++) sq += w[i * inputDim + k] * w[i * inputDim + k];
      total += Math.sqrt(sq);
    }
    for (int j = 0; j < teachers; j++) total += teacherNorm[j];
    double terms = students * (students + 1) / 2.0 + (double) students * teachers + teachers * (teachers + 1) / 2.0;
    return (terms + 2.0 * inputDim + 16) * 0x1p-53 * 0.5 * total * total;
  }

  @Override
  public double valueAndGradient(double[] w, double[] gradient) {
    double f = value(w); // also fills unit and norm
    int d = inputDim;
    for (int i = 0; i < students; i++) {
      int oi = i * d;
      for (int k = 0; k < d; k++) gradient[oi + k] = 0.5 * w[oi + k];
      for (int i2 = 0; i2 < students; i2++) {
        if (i2 != i) addKernelGradient(oi, unit, i2 * d, norm[i2], w, i2 * d, 1.0, gradient);
      }
      for (int j = 0; j < teachers; j++) addKernelGradient(oi, teacherUnit, j * d, teacherNorm[j], teacher, j * d, -1.0, gradient);
    }
    return f;
  }

  /**
   * gradient[oi..] += sign * d k(w_i, v) / d w_i with v = partnerNorm * partnerUnit[op..] (given
   * also unnormalized as partner[op..]).
   */
  private void addKernelGradient(int oi, double[] partnerUnit, int op, double partnerNorm, double[] partner, int pOff,
      double sign, double[] gradient) {
    int d = inputDim;
    double a = norm[oi / d];
    if (partnerNorm == 0) return;
    if (a == 0) {
      for (int k = 0; k < d; k++) gradient[oi + k] += sign * 0.25 * partner[pOff + k];
      return;
    }
    double c = 0;
    for (int k = 0; k < d; k++) c += unit[oi + k] * partnerUnit[op + k];
    double s2 = 0;
    for (int k = 0; k < d; k++) {
      double r = partnerUnit[op + k] - c * unit[oi + k];
      s2 += r * r;
    }
    double s = Math.sqrt(s2);
    double t = Math.atan2(s, c);
    double coefUnit = sign * partnerNorm * s / TWO_PI;
    double coefPartner = sign * (Math.PI - t) / TWO_PI;
    for (int k = 0; k < d; k++) gradient[oi + k] += coefUnit * unit[oi + k] + coefPartner * partner[pOff + k];
  }

  @Override
  public void hessianVectorProduct(double[] w, double[] v, double[] result) {
    checkLength(w);
    int d = inputDim;
    normalizeRows(w, students, d, unit, norm);
    for (int i = 0; i < students; i++) {
      int oi = i * d;
      for (int k = 0; k < d; k++) result[oi + k] = 0.5 * v[oi + k];
      if (norm[i] == 0) continue;
      for (int i2 = 0; i2 < students; i2++) {
        if (i2 == i || norm[i2] == 0) continue;
        addPairHessian(i, unit, i2 * d, norm[i2], v, i2 * d, 1.0, true, v, result);
      }
      for (int j = 0; j < teachers; j++) {
        if (teacherNorm[j] == 0) continue;
        addPairHessian(i, teacherUnit, j * d, teacherNorm[j], null, 0, -1.0, false, v, result);
      }
    }
  }

  /**
   * result_i += sign * [ d2k/dw dw^T (w_i, p) v_i + (cross ? d2k/dw dp^T (w_i, p) u_p : 0) ],
   * where p = partnerNorm * partnerUnit[op..] and u_p = direction[up..].
   */
  private void addPairHessian(int i, double[] partnerUnit, int op, double partnerNorm, double[] direction, int up,
      double sign, boolean cross, double[] v, double[] result) {
    int d = inputDim;
    int oi = i * d;
    double a = norm[i];
    double c = 0;
    for (int k = 0; k < d; k++) c += unit[oi + k] * partnerUnit[op + k];
    double s2 = 0;
    double rDotVi = 0;
    double wDotVi = 0;
    for (int k = 0; k < d; k++) {
      double r = partnerUnit[op + k] - c * unit[oi + k];
      s2 += r * r;
      rDotVi += r * v[oi + k];
      wDotVi += unit[oi + k] * v[oi + k];
    }
    double s = Math.sqrt(s2);
    double t = Math.atan2(s, c);
    // diagonal block: b / (2 pi a) [ s (v_i - w^ (w^ . v_i)) + r (r . v_i) / s ]
    double scale = sign * partnerNorm / (TWO_PI * a);
    double rTerm = s > 0 ? rDotVi / s : 0.0;
    for (int k = 0; k < d; k++) {
      double r = partnerUnit[op + k] - c * unit[oi + k];
      result[oi + k] += scale * (s * (v[oi + k] - unit[oi + k] * wDotVi) + r * rTerm);
    }
    if (!cross) return;
    // cross block: 1 / (2 pi) [ (pi - t) u_p + s w^ (p^ . u_p) + r (q . u_p) / s ],  q = w^ - c p^
    double pDotU = 0;
    double qDotU = 0;
    for (int k = 0; k < d; k++) {
      double u = direction[up + k];
      pDotU += partnerUnit[op + k] * u;
      qDotU += (unit[oi + k] - c * partnerUnit[op + k]) * u;
    }
    double qTerm = s > 0 ? qDotU / s : 0.0;
    double crossScale = sign / TWO_PI;
    for (int k = 0; k < d; k++) {
      double r = partnerUnit[op + k] - c * unit[oi + k];
      result[oi + k] += crossScale * ((Math.PI - t) * direction[up + k] + s * unit[oi + k] * pDotU + r * qTerm);
    }
  }

  @Override
  public Objective copy() {
    return new ReluTeacherStudentObjective(this);
  }

  private void checkLength(double[] w) {
    if (w.length != students * inputDim) {
      throw new IllegalArgumentException("parameters have length " + w.length + ", expected k*d = " + students * inputDim);
    }
  }

  /** unitOut rows = rows of x divided by their norms (zero rows stay zero), normOut = the norms. */
  private static void normalizeRows(double[] x, int rows, int d, double[] unitOut, double[] normOut) {
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int k = 0; k < d; k++) sum += x[i * d + k] * x[i * d + k];
      double n = Math.sqrt(sum);
      normOut[i] = n;
      double inv = n > 0 ? 1.0 / n : 0.0;
      for (int k = 0; k < d; k++) unitOut[i * d + k] = x[i * d + k] * inv;
    }
  }

  /**
   * k(w, v) from unit vectors and norms: a b g(t) with g(t) = (sin t + (pi - t) cos t) / (2 pi),
   * written as 1/2 - sin^2(t/2) + (sin t - t cos t) / (2 pi) so that g(0) = 1/2 exactly, and t = 2
   * atan2(|u1 - u2|, |u1 + u2|) (accurate for all angles, Kahan). Bitwise symmetric in its two
   * arguments; 0 when either norm is 0.
   */
  static double kernel(double[] u1, int o1, double a, double[] u2, int o2, double b, int d) {
    if (a == 0 || b == 0) return 0.0;
    double minus = 0;
    double plus = 0;
    for (int k = 0; k < d; k++) {
      double x = u1[o1 + k];
      double y = u2[o2 + k];
      minus += (x - y) * (x - y);
      plus += (x + y) * (x + y);
    }
    double t = 2 * Math.atan2(Math.sqrt(minus), Math.sqrt(plus));
    double half = Math.sin(0.5 * t);
    double g = 0.5 - half * half + (Math.sin(t) - t * Math.cos(t)) / TWO_PI;
    return (a * b) * g;
  }
}
