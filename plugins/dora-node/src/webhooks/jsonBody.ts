import { InputError } from '@backstage/errors';

/**
 * The delivery body as a JSON object. Anything else (not JSON, an array, a
 * bare value) is an `InputError`, which the backend answers with 400.
 */
export function parseJsonBody<T extends object = object>(rawBody: Buffer): T {
  try {
    const payload = JSON.parse(rawBody.toString('utf8'));
    if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
      return payload;
    }
  } catch {
    // reported below
  }
  throw new InputError('The delivery body is not a JSON object');
}
