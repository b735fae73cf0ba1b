package basin.cli;

/**
 * The exit codes of every {@code basin} command, in one place: 0 success, 1 an internal error or a
 * failed check, 2 bad input (a file, option or value; one line on stderr names it).
 */
final class ExitCodes {
  private ExitCodes() {}

  /** The command did what was asked. */
  static final int OK = 0;
  /** An internal error, or a check that failed (gradcheck). */
  static final int FAILURE = 1;
  /** Bad input: a file, field, option or value, named on one line of stderr. */
  static final int BAD_INPUT = 2;
}
