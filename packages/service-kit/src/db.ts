import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** A drizzle database over a pg Pool; `$client` is the pool, for the few hand-written hot queries. */
export type Database<TSchema extends Record<string, unknown>> = NodePgDatabase<TSchema> & { $client: pg.Pool };

/** Creates the database named in `url` if it does not exist (first start of a fresh machine). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err; // another instance won the race
      });
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export function createDb<TSchema extends Record<string, unknown>>(pool: pg.Pool, schema: TSchema): Database<TSchema> {
  return drizzle(pool, { schema });
}

/** Applies drizzle migrations under an advisory lock so several instances can start at once. */
export async function runMigrations(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7355608)');
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock(7355608)');
    }
  } finally {
    client.release();
  }
}

/** A service's start-up: create its database if missing, migrate it, and open a pool on it. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  url: string,
  schema: TSchema,
  opts: { migrationsFolder: string; poolSize?: number },
): Promise<{ pool: pg.Pool; db: Database<TSchema> }> {
  await ensureDatabase(url);
  const pool = createPool(url, opts.poolSize);
  await runMigrations(pool, opts.migrationsFolder);
  return { pool, db: createDb(pool, schema) };
}
