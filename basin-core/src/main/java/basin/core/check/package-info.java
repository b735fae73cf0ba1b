/** Checks of exact derivatives against finite differences, for tests and for {@code basin gradcheck}. */
package basin.core.check;
