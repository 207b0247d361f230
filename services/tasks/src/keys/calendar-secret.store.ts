import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

const SECRET_BYTES = 32;

/**
 * The secret calendar feed tokens are derived with, from `file`, generated on first start (like
 * auth's signing key) so none is ever committed. Several instances must share it — mount the same
 * file — or each would hand out addresses the others do not recognise. Replacing it changes every
 * feed's address.
 */
export function loadOrCreateCalendarSecret(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: a link fails if the file exists, and a reader never
  // sees a half-written secret from an instance starting at the same moment.
  const draft = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(draft, randomBytes(SECRET_BYTES).toString('base64'), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(draft, { force: true });
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (secret.length < 16) throw new Error(`${file} must hold at least 16 bytes, base64-encoded`);
  return secret;
}
