import {
  hasHmacSha256Signature,
  hmacSha256,
} from '@dora-metrics/plugin-dora-node';

const SIGNATURE = /^v1=([0-9a-f]{64})$/i;

/**
 * Whether any `v1=<hex>` signature of an `X-PagerDuty-Signature` header is
 * the HMAC-SHA256 of the body under any of the secrets. PagerDuty sends one
 * signature per active secret while a secret is rotated.
 */
export function hasValidSignature(
  header: string,
  rawBody: Buffer,
  secrets: string[],
): boolean {
  const given = header
    .split(',')
    .map(part => SIGNATURE.exec(part.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(match => Buffer.from(match[1], 'hex'));
  return hasHmacSha256Signature(given, rawBody, secrets);
}

/** A `v1=` header value for the body: what PagerDuty sends (used by tests and docs). */
export function signPagerDutyBody(rawBody: Buffer | string, secret: string) {
  return `v1=${hmacSha256(rawBody, secret).toString('hex')}`;
}
