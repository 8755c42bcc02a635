import { createHmac, timingSafeEqual } from 'crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Whether `X-Hub-Signature-256` (`sha256=<hex>`) is the HMAC-SHA256 of the
 * raw body under any of the secrets (several while a secret is rotated).
 */
export function hasValidSignature(
  header: string,
  rawBody: Buffer,
  secrets: string[],
): boolean {
  const match = SIGNATURE.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  // Every secret is tried, in constant time, so timing tells nothing.
  let valid = false;
  for (const secret of secrets) {
    const digest = createHmac('sha256', secret).update(rawBody).digest();
    if (timingSafeEqual(given, digest)) valid = true;
  }
  return valid;
}

/** The header value GitHub sends for a body (for tests and docs). */
export function signGithubBody(rawBody: Buffer | string, secret: string) {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
