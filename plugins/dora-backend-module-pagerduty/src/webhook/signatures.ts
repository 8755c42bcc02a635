import { createHmac, timingSafeEqual } from 'crypto';

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
  const expected = secrets.map(secret =>
    createHmac('sha256', secret).update(rawBody).digest(),
  );
  // Every pair is compared, in constant time, so timing tells nothing.
  let valid = false;
  for (const signature of given) {
    for (const digest of expected) {
      if (timingSafeEqual(signature, digest)) valid = true;
    }
  }
  return valid;
}

/** A `v1=` header value for the body: what PagerDuty sends (used by tests and docs). */
export function signPagerDutyBody(rawBody: Buffer | string, secret: string) {
  return `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
