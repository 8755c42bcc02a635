import { objectsToCsv } from '@dora-metrics/plugin-dora-common';
import { RequestHandler } from 'express';
import { takeAskedFormat } from './askedFormat';
import { CsvTable, csvTables } from './csvTables';

export interface CsvAnswersOptions {
  now: () => number;
  /** The tables by route path; `csvTables` unless a test gives its own. */
  tables?: Record<string, CsvTable>;
}

/** A route path with its parameters unnamed: `/v1/groups/:ns/:n/trend` and `/v1/groups/:namespace/:name/trend` are one route. */
const shapeOf = (path: string) => path.replace(/:[^/]+/g, ':');

/**
 * GET routes answer `text/csv` when asked (`format=csv`, or `Accept`
 * preferring `text/csv`). Installed before the routes, it only changes what
 * `res.json` writes: the route checks credentials and permissions, parses
 * its query and builds its body as always, and only a 2xx body becomes the
 * route's table. Errors (400, 401, 403, 404, 503...) stay JSON.
 */
export function csvAnswers(options: CsvAnswersOptions): RequestHandler {
  const tables = options.tables ?? csvTables;
  const byShape = new Map(
    Object.entries(tables).map(([path, table]) => [shapeOf(path), table]),
  );
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.vary('Accept');
    if (takeAskedFormat(req) !== 'csv') {
      next();
      return;
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode < 200 || res.statusCode >= 300) return json(body);
      const path: string | undefined = req.route?.path;
      const table = path === undefined ? undefined : byShape.get(shapeOf(path));
      if (!table) {
        return res.status(406).json({
          error: {
            name: 'NotAcceptableError',
            message: `${req.method} ${req.baseUrl}${req.path} has no CSV table; routes that answer text/csv: ${Object.keys(
              tables,
            ).join(', ')}`,
          },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 406 },
        });
      }
      const date = new Date(options.now()).toISOString().slice(0, 10);
      const cursor = table.nextCursor?.(body);
      if (cursor) res.setHeader('Dora-Next-Cursor', cursor);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="dora-${table.name}-${date}.csv"`,
      );
      return res.send(objectsToCsv(table.rows(body)));
    };
    next();
  };
}
