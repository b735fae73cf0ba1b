/**
 * The {@code basin} command line: one picocli class per subcommand; the logic lives in the
 * libraries, commands only parse, call and print.
 */
package basin.cli;
