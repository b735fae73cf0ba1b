package basin.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import org.junit.jupiter.api.function.Executable;

/** Checks on the one-line messages of {@link InputException}. */
final class InputMessages {
  private InputMessages() {}

  /** Runs {@code action}, expects an InputException with a one-line message holding every fragment. */
  static InputException assertInputError(Executable action, String... fragments) {
    InputException e = assertThrows(InputException.class, action);
    String m = e.getMessage();
    assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
    for (String frag : fragments) assertTrue(m.contains(frag), () -> "message lacks '" + frag + "': " + m);
    return e;
  }
}
