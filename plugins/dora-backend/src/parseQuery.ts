import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { z } from 'zod';

/** The request's query parsed by a zod schema, or a 400 naming each bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  req: Request,
): z.infer<T> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      i => `${i.path.join('.') || 'query'}: ${i.message}`,
    );
    throw new InputError(`Invalid query: ${problems.join('; ')}`);
  }
  return parsed.data;
}
