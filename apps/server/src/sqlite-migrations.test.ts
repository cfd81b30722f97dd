import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateSqlite } from './sqlite-migrations.ts';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
});
afterEach(() => {
  db.close();
});

const steps = ['CREATE TABLE IF NOT EXISTS a (x INTEGER)', 'ALTER TABLE a ADD COLUMN y TEXT'];

function columns(table: string): string[] {
  return db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((column) => column.name)
    .sort();
}

describe('migrateSqlite', () => {
  it('runs each step once, and only the steps added since', () => {
    expect(migrateSqlite(db, 'part', steps)).toBe(2);
    expect(migrateSqlite(db, 'part', steps)).toBe(2);
    expect(columns('a')).toEqual(['x', 'y']);
    expect(migrateSqlite(db, 'part', [...steps, 'ALTER TABLE a ADD COLUMN z TEXT'])).toBe(3);
    expect(columns('a')).toEqual(['x', 'y', 'z']);
  });

  it('upgrades a table made before versions were kept, keeping its rows', () => {
    db.exec('CREATE TABLE a (x INTEGER)');
    db.exec('INSERT INTO a (x) VALUES (7)');
    expect(migrateSqlite(db, 'part', steps)).toBe(2);
    expect(db.prepare('SELECT x, y FROM a').all()).toEqual([{ x: 7, y: null }]);
  });

  it('refuses a database newer than the code', () => {
    migrateSqlite(db, 'part', steps);
    expect(() => migrateSqlite(db, 'part', steps.slice(0, 1))).toThrow(/newer than this Kompas knows/);
  });

  it('keeps a failed step out, with the version before it, and parts apart', () => {
    expect(() => migrateSqlite(db, 'other', ['CREATE TABLE b (x INTEGER)', 'NOT SQL'])).toThrow();
    const version = db.prepare('SELECT part, version FROM kompas_schema ORDER BY part').all();
    expect(version).toEqual([{ part: 'other', version: 1 }]);
  });
});
