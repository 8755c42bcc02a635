import { InputError } from '@backstage/errors';
import { Request } from 'express';

/** What a GET may answer besides JSON. */
export const ANSWER_FORMATS = ['json', 'csv'] as const;
export type AnswerFormat = (typeof ANSWER_FORMATS)[number];

/**
 * The format a request asks for, and the `format` parameter taken out of
 * the query so that the route's own (possibly strict) schema never sees it.
 * `format` wins over `Accept`; without it, `Accept` answers CSV only when it
 * prefers `text/csv` to JSON by its q-values (`*` and no header: JSON).
 */
export function takeAskedFormat(req: Request): AnswerFormat {
  const raw = req.query.format;
  delete req.query.format;
  if (raw !== undefined) {
    const value = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
    if (value === 'csv' || value === 'json') return value;
    throw new InputError(
      `Invalid query: format must be one of ${ANSWER_FORMATS.join(
        ', ',
      )}; got ${JSON.stringify(raw)}`,
    );
  }
  if (!req.get('Accept')) return 'json';
  return req.accepts(['application/json', 'text/csv']) === 'text/csv'
    ? 'csv'
    : 'json';
}
