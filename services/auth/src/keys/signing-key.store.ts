import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { dirname } from 'node:path';
import { signingKeyFrom, type SigningKey } from './signing-key';

/**
 * Loads the ES256 key from `file`, generating it on first start (development) so no key is ever
 * committed. In production (`create: false`) the file is mounted from the secret store, and a
 * missing one stops the start.
 */
export function loadOrCreateSigningKey(file: string, { create = true }: { create?: boolean } = {}): SigningKey {
  if (!existsSync(file)) {
    if (!create) {
      throw new Error(`AUTH_KEY_FILE ${file} does not exist: in production the signing key comes from configuration`);
    }
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return signingKeyFrom(createPrivateKey(readFileSync(file)));
}

/** Loads an existing key (the previous one, after a rotation); a missing file is an error. */
export function loadSigningKey(file: string): SigningKey {
  return signingKeyFrom(createPrivateKey(readFileSync(file)));
}
