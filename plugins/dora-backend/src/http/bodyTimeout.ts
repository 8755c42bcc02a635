import { Request, RequestHandler } from 'express';

const MIB = 1024 * 1024;

export interface BodyTimeoutOptions {
  /** Time any body may take. */
  minMs: number;
  /** More time per declared MiB. */
  msPerMiB: number;
  /** The largest body accepted, e.g. `10mb`: a larger declared one is refused at once. */
  maxBodySize: string;
  /** Told when a body is refused, 408 or 413 (the webhook route logs it). */
  onRefused?: (req: Request, status: 408 | 413) => void;
}

/**
 * A request body must arrive within a time that grows with its declared
 * size; a stalled one (say `Content-Length: 999999999` and 20 bytes) is
 * answered 408 and its connection closed, instead of holding it until the
 * server's own timeout minutes later.
 */
export function bodyTimeout(options: BodyTimeoutOptions): RequestHandler {
  const maxBytes = parseSize(options.maxBodySize);
  return (req, res, next) => {
    if (req.complete) {
      next();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0) || 0;
    if (declared > maxBytes) {
      // Refused before a byte of it is read (the JSON parser would first
      // read it all): the connection closes after the answer.
      options.onRefused?.(req, 413);
      res.setHeader('Connection', 'close');
      res.status(413).json({
        error: {
          name: 'PayloadTooLargeError',
          message: `The body declares ${declared} bytes; at most ${options.maxBodySize} are accepted`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 413 },
      });
      res.on('finish', () => req.destroy());
      return;
    }
    const ms = options.minMs + (options.msPerMiB * declared) / MIB;
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      options.onRefused?.(req, 408);
      res.setHeader('Connection', 'close');
      res.status(408).json({
        error: {
          name: 'RequestTimeoutError',
          message: `The request body did not arrive within ${Math.round(ms / 1000)} s`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 408 },
      });
      res.on('finish', () => req.destroy());
    }, ms);
    const clear = () => clearTimeout(timer);
    req.on('end', clear);
    req.on('close', clear);
    res.on('close', clear);
    next();
  };
}

/**
 * After a refusal the rest of a body is not read: close the connection so
 * the client cannot hold it by sending slowly (413 for a declared size over
 * the limit, 408 above).
 */
export const closeAfterRefusedBody: RequestHandler = (req, res, next) => {
  res.on('finish', () => {
    if ((res.statusCode === 413 || res.statusCode === 408) && !req.complete) {
      req.destroy();
    }
  });
  next();
};

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1024,
  mb: MIB,
  gb: 1024 * MIB,
};

/** `10mb`, `512kb` or a number of bytes, as Express's body parsers read limits. */
export function parseSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(size.trim());
  if (!match) throw new Error(`"${size}" is not a size such as 10mb`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
