import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPool } from '../src/db';
import { serializeError } from '../src/logger';
import { createTestDatabase, testRunId } from '../src/testing';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let pool: ReturnType<typeof createPool>;

beforeAll(async () => {
  database = await createTestDatabase(`taskflow_test_kit_redact_${testRunId()}`);
  pool = createPool(database.url, 2);
  await pool.query('CREATE TABLE people (email text PRIMARY KEY, password_hash text)');
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const EMAIL = 'ada.secret@example.test';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

it('logs a database error without the values it was writing, from pg and through drizzle', async () => {
  const db = drizzle(pool);
  const insert = () => db.execute(sql`INSERT INTO people (email, password_hash) VALUES (${EMAIL}, ${HASH})`);
  await insert();
  const err = await insert().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  // The control: the raw error does carry them, in its message, params, cause and detail.
  expect(
    JSON.stringify({ ...(err as object), message: (err as Error).message, cause: (err as Error).cause }),
  ).toContain(EMAIL);

  const logged = JSON.stringify(serializeError(err));
  expect(logged).not.toContain(EMAIL);
  expect(logged).not.toContain('c2FsdHNhbHQ');
  expect(logged).toContain('INSERT INTO people');
  expect(logged).toContain('duplicate key value violates unique constraint');
});

it('redacts credential-shaped values anywhere in an error', () => {
  const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
  const logged = JSON.stringify(
    serializeError(
      new Error(`calling with Bearer ${token} at amqp://app:hunter2@broker:5672 and ?token=abc123 failed for ${HASH}`),
    ),
  );
  for (const secret of [token, 'hunter2', 'abc123', 'c2FsdHNhbHQ']) expect(logged).not.toContain(secret);
});
