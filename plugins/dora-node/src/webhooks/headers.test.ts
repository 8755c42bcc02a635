import { AuthenticationError } from '@backstage/errors';
import { DoraWebhookRequest } from './extensionPoint';
import { requireHeader, requireVerifiedHeader } from './headers';

const request = (
  headers: Record<string, string | undefined>,
): DoraWebhookRequest => ({
  headers,
  rawBody: Buffer.from('{}'),
  receivedAt: 0,
});

describe('requireHeader', () => {
  it('finds the header by its lower-case name', () => {
    expect(
      requireHeader(
        request({ 'x-github-delivery': 'd1' }),
        'X-GitHub-Delivery',
      ),
    ).toBe('d1');
  });

  it.each([undefined, ''])('refuses a missing or empty header (%p)', value => {
    expect(() =>
      requireHeader(
        request({ 'x-github-delivery': value }),
        'X-GitHub-Delivery',
      ),
    ).toThrow(new AuthenticationError('No X-GitHub-Delivery header'));
  });
});

describe('requireVerifiedHeader', () => {
  const isValid = (value: string) => value === 'right';

  it('returns a valid value', () => {
    expect(
      requireVerifiedHeader(
        request({ 'x-key': 'right' }),
        'X-Key',
        isValid,
        'is wrong',
      ),
    ).toBe('right');
  });

  it('refuses a missing header', () => {
    expect(() =>
      requireVerifiedHeader(request({}), 'X-Key', isValid, 'is wrong'),
    ).toThrow(new AuthenticationError('No X-Key header'));
  });

  it('refuses an invalid value without repeating it', () => {
    expect(() =>
      requireVerifiedHeader(
        request({ 'x-key': 'guess' }),
        'X-Key',
        isValid,
        'is wrong',
      ),
    ).toThrow(new AuthenticationError('X-Key is wrong'));
  });
});
