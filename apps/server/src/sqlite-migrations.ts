import type Database from 'better-sqlite3';

/**
 * Brings one part of the schema (boards, people...) in a SQLite database up to date, as migratePg does in
 * PostgreSQL: step `i` takes it from version `i` to `i + 1`, each step in its own transaction with the version
 * it leads to, so a step that fails leaves the version before it. Returns the version the part is at. A
 * database newer than the code is refused rather than guessed at.
 *
 * The first step of a part is the table as it was created before versions were kept (CREATE TABLE IF NOT
 * EXISTS), so a data folder from then upgrades to version 1 without a change.
 */
export function migrateSqlite(db: Database.Database, part: string, steps: readonly string[]): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS kompas_schema (part TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT',
  );
  const versionOf = db.prepare<[string], { version: number }>(
    'SELECT version FROM kompas_schema WHERE part = ?',
  );
  const setVersion = db.prepare<[string, number]>(
    `INSERT INTO kompas_schema (part, version) VALUES (?, ?)
     ON CONFLICT (part) DO UPDATE SET version = excluded.version`,
  );
  const version = versionOf.get(part)?.version ?? 0;
  if (version > steps.length) {
    throw new Error(
      `the database's ${part} schema is at version ${version}, newer than this Kompas knows (${steps.length})`,
    );
  }
  for (let next = version; next < steps.length; next += 1) {
    // Immediate: another connection of this process cannot slip a write in between the step and its version.
    db.transaction(() => {
      db.exec(steps[next] as string);
      setVersion.run(part, next + 1);
    }).immediate();
  }
  return steps.length;
}
