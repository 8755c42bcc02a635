import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { isStorableText } from '@dora-metrics/plugin-dora-common';
import { z } from 'zod';

/** The request's query parsed by a zod schema, or a 400 naming each bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  req: Request,
): z.infer<T> {
  for (const [name, value] of Object.entries(req.query)) {
    // A repeated parameter (`groupRef=a&groupRef=b`) arrives as an array.
    const values = Array.isArray(value) ? value : [value];
    if (values.some(v => typeof v === 'string' && !isStorableText(v))) {
      throw new InputError(
        `Invalid query: ${name} must not contain NUL characters or unpaired UTF-16 surrogates`,
      );
    }
  }
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${i.path.join('.') || 'query'}: ${i.message}`,
    );
    throw new InputError(`Invalid query: ${problems.join('; ')}`);
  }
  return parsed.data;
}
