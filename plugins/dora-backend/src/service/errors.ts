import { CustomErrorBase, InputError } from '@backstage/errors';
import { EventProblem } from '@dora-metrics/plugin-dora-common';

/** A refused ingest batch: 400 with one detail per bad event. */
export class EventBatchError extends InputError {
  constructor(
    message: string,
    readonly details: EventProblem[],
  ) {
    super(message);
  }
}

/** Too many events or too large a body: 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  /** Read by Backstage's error handler. */
  statusCode = 413;
}
