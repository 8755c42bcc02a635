import { createHash, timingSafeEqual } from 'crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether the key sent is one of the configured keys. Both sides are hashed
 * first so that the constant-time compare sees equal lengths and the time
 * taken tells nothing about the keys.
 */
export function isConfiguredKey(sent: string, keys: string[]): boolean {
  const given = digest(sent);
  let valid = false;
  for (const key of keys) {
    if (timingSafeEqual(given, digest(key))) valid = true;
  }
  return valid;
}
