/**
 * The catalog of a study: one SQLite database per study holding the spec, seed and provenance, one
 * row per finished start, the distinct minima with their members, and the result tables of later
 * analyses; resumable, crash-safe writes from many threads; read-only access that takes no lock;
 * checksummed vectors; exports to CSV, JSON and NumPy .npy.
 *
 * <p>Public API: {@link basin.store.Catalog} (open, create, openOrCreate, openForWriting,
 * recordStart, starts, replaceMinima, minima, ensureTable, putRows, rows, resultTables, backup,
 * integrityCheck), the row records {@link basin.store.StartRecord} (with its parts Outcome, Losses,
 * Curvature, Effort) and {@link basin.store.MinimumRecord}, the table descriptions
 * {@link basin.store.Table}, {@link basin.store.Column} and {@link basin.store.Row}, and
 * {@link basin.store.CatalogExport}. Schema, pragmas and file formats are documented in
 * docs/catalog.md.
 */
package basin.store;
