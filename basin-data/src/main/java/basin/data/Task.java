package basin.data;

/** Whether a label column is read as classes or as a real-valued target. */
public enum Task {
  /**
   * Classification when the column has a non-numeric value or only integers; regression when it is
   * numeric with at least one non-integer value. Override with one of the other two when this guess
   * is wrong (integer-valued regression targets, for example).
   */
  AUTO,
  CLASSIFICATION,
  REGRESSION
}
