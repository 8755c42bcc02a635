import { AuthenticationError } from '@backstage/errors';
import { DoraWebhookRequest } from './extensionPoint';

/**
 * The value of a header the delivery must carry, or `AuthenticationError`
 * (401). `name` is written as the provider documents it (e.g.
 * `X-GitHub-Delivery`), for the message; it is looked up in lower case.
 */
export function requireHeader(
  request: DoraWebhookRequest,
  name: string,
): string {
  const value = request.headers[name.toLocaleLowerCase('en-US')];
  if (!value) {
    throw new AuthenticationError(`No ${name} header`);
  }
  return value;
}

/**
 * The value of a header that proves the sender (a signature or a key),
 * checked by `isValid`. Missing or not valid is `AuthenticationError` (401):
 * `${name} ${mismatch}`. The value itself is never put in a message.
 */
export function requireVerifiedHeader(
  request: DoraWebhookRequest,
  name: string,
  isValid: (value: string) => boolean,
  mismatch: string,
): string {
  const value = requireHeader(request, name);
  if (!isValid(value)) {
    throw new AuthenticationError(`${name} ${mismatch}`);
  }
  return value;
}
