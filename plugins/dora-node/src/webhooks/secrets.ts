import { createHash, createHmac, timingSafeEqual } from 'crypto';

// Every candidate is compared with every secret, each in constant time, and
// the loops never stop early: the time taken tells nothing about the secrets.

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** HMAC-SHA256 of the body under the secret. */
export function hmacSha256(rawBody: Buffer | string, secret: string): Buffer {
  return createHmac('sha256', secret).update(rawBody).digest();
}

/**
 * Whether the value sent (a shared key in a header) is one of the secrets.
 * Both sides are hashed first, so the compare sees equal lengths.
 */
export function isOneOfSecrets(sent: string, secrets: string[]): boolean {
  const given = sha256(sent);
  let valid = false;
  for (const secret of secrets) {
    if (timingSafeEqual(given, sha256(secret))) valid = true;
  }
  return valid;
}

/**
 * Whether any of the signatures sent is the HMAC-SHA256 of the raw body
 * under any of the secrets (several while a secret is rotated). A signature
 * of the wrong length matches nothing.
 */
export function hasHmacSha256Signature(
  signatures: Buffer[],
  rawBody: Buffer,
  secrets: string[],
): boolean {
  const digests = secrets.map(secret => hmacSha256(rawBody, secret));
  let valid = false;
  for (const signature of signatures) {
    for (const digest of digests) {
      if (
        signature.length === digest.length &&
        timingSafeEqual(signature, digest)
      ) {
        valid = true;
      }
    }
  }
  return valid;
}
