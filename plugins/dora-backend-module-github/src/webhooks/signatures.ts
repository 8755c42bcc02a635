import {
  hasHmacSha256Signature,
  hmacSha256,
} from '@dora-metrics/plugin-dora-node';

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
  return hasHmacSha256Signature(
    [Buffer.from(match[1], 'hex')],
    rawBody,
    secrets,
  );
}

/** The header value GitHub sends for a body (for tests and docs). */
export function signGithubBody(rawBody: Buffer | string, secret: string) {
  return `sha256=${hmacSha256(rawBody, secret).toString('hex')}`;
}
