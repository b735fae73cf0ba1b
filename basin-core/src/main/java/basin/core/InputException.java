package basin.core;

/**
 * Bad input from the user: a file, field or value that is not what Basin expects. The message is
 * one line that names the file (or field) and the offending line or value, and says what was
 * expected. The command line turns it into that line on stderr and exit code 2.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
