import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Role } from '@settle/command-pipeline';

export interface ApiKey {
  name: string;
  role: Role;
  /** SHA-256 of the secret: secrets are never kept in memory or on disk longer than needed. */
  secretHash: Buffer;
}

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** `name:role:secret,…` as validated by the environment schema. */
export function parseApiKeys(spec: string): ApiKey[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name, role, secret] = entry.split(':');
      return { name, role: role as Role, secretHash: hashSecret(secret) };
    });
}

export function findApiKey(keys: readonly ApiKey[], presented: string): ApiKey | undefined {
  const presentedHash = hashSecret(presented);
  return keys.find((key) => timingSafeEqual(key.secretHash, presentedHash));
}

const GENERATED_KEY_FILE = 'admin-key.json';

/**
 * Embedded mode without API_KEYS: one admin key, generated on first start. Only its hash is kept in
 * DATA_DIR; the secret is returned once so the caller can print it.
 */
export function loadOrGenerateAdminKey(dataDir: string): { key: ApiKey; generatedSecret?: string } {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { name: string; sha256: string };
    return { key: { name: stored.name, role: 'admin', secretHash: Buffer.from(stored.sha256, 'hex') } };
  }
  const secret = `settle_${randomBytes(24).toString('base64url')}`;
  const key: ApiKey = { name: 'admin', role: 'admin', secretHash: hashSecret(secret) };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ name: key.name, sha256: key.secretHash.toString('hex') }), { mode: 0o600 });
  return { key, generatedSecret: secret };
}
