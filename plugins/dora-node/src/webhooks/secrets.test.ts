import { createHmac } from 'crypto';
import { hasHmacSha256Signature, hmacSha256, isOneOfSecrets } from './secrets';

const body = Buffer.from('{"event":1}');

describe('hmacSha256', () => {
  it('is the HMAC-SHA256 of the body under the secret', () => {
    expect(hmacSha256(body, 's3cret')).toEqual(
      createHmac('sha256', 's3cret').update(body).digest(),
    );
  });
});

describe('hasHmacSha256Signature', () => {
  const secrets = ['old-secret', 'new-secret'];

  it('accepts a signature under any of the secrets', () => {
    expect(
      hasHmacSha256Signature([hmacSha256(body, 'new-secret')], body, secrets),
    ).toBe(true);
    expect(
      hasHmacSha256Signature(
        [Buffer.alloc(32), hmacSha256(body, 'old-secret')],
        body,
        secrets,
      ),
    ).toBe(true);
  });

  it('refuses signatures under other secrets, of another body, or of another length', () => {
    expect(
      hasHmacSha256Signature([hmacSha256(body, 'other')], body, secrets),
    ).toBe(false);
    expect(
      hasHmacSha256Signature(
        [hmacSha256(Buffer.from('{}'), 'new-secret')],
        body,
        secrets,
      ),
    ).toBe(false);
    expect(hasHmacSha256Signature([Buffer.alloc(3)], body, secrets)).toBe(
      false,
    );
    expect(hasHmacSha256Signature([], body, secrets)).toBe(false);
  });
});

describe('isOneOfSecrets', () => {
  it('accepts any configured key and nothing else', () => {
    expect(isOneOfSecrets('key-2', ['key-1', 'key-2'])).toBe(true);
    expect(isOneOfSecrets('key-3', ['key-1', 'key-2'])).toBe(false);
    expect(isOneOfSecrets('key-1-longer', ['key-1'])).toBe(false);
    expect(isOneOfSecrets('', ['key-1'])).toBe(false);
  });
});
