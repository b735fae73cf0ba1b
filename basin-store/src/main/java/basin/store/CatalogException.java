package basin.store;

/**
 * The catalog's storage failed: a database error other than bad input, for example a full disk, an
 * I/O error or a constraint the caller broke (a start recorded twice). The message names the
 * catalog file and the operation.
 */
public class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogException(String message) {
    super(message);
  }

  public CatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
