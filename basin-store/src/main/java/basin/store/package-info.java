/**
 * The catalog of a study: one SQLite database per study holding the spec, seed and provenance, one
 * row per finished start, and the distinct minima with their members; resumable, crash-safe writes
 * from many threads; exports to CSV, JSON and NumPy .npy.
 *
 * <p>Public API: {@link basin.store.Catalog} (create, open, openOrCreate, recordStart, starts,
 * replaceMinima, minima, integrityCheck), the row records {@link basin.store.StartRecord} and
 * {@link basin.store.MinimumRecord}, and {@link basin.store.CatalogExport}. Schema, pragmas and file
 * formats are documented in docs/catalog.md.
 */
package basin.store;
