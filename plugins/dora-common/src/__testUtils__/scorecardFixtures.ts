import { MetricsBody } from '../engine/computeMetrics';
import { evaluateScorecard, ScorecardResult } from '../scorecards/evaluate';
import { parseScorecard } from '../scorecards/schema';
import { ParsedScorecard } from '../scorecards/types';
import { metricsOf } from './eventFactories';

/*
 * A three-level scorecard and real evaluations of it, for the tests of the
 * model around the evaluator (stages, exemptions, compliance).
 */

const WINDOW = { from: '2024-05-01T00:00:00Z', to: '2024-05-31T00:00:00Z' };
const HOUR = 3600;

/** bronze: lead time < 7d; silver: lead time < 24h; gold: change failure rate <= 15%. */
export function deliveryCard(): ParsedScorecard {
  const parsed = parseScorecard({
    id: 'delivery',
    title: 'Delivery',
    levels: ['bronze', 'silver', 'gold'],
    rules: [
      {
        id: 'lead-week',
        title: 'Lead time under a week',
        metric: 'leadTime.median',
        operator: '<',
        threshold: '7d',
        level: 'bronze',
      },
      {
        id: 'lead-day',
        title: 'Lead time under a day',
        metric: 'leadTime.median',
        operator: '<',
        threshold: '24h',
        level: 'silver',
      },
      {
        id: 'cfr',
        title: 'Change failure rate at most 15%',
        metric: 'changeFailureRate.ratio',
        operator: '<=',
        threshold: '15%',
        level: 'gold',
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.scorecard;
}

/** A real metrics body without events, with lead time (hours) and change failure rate set. */
export function deliveryMetrics(
  leadHours: number | null,
  cfr: number | null,
): MetricsBody {
  const empty = metricsOf([], WINDOW);
  return {
    ...empty,
    leadTime: {
      ...empty.leadTime,
      median: leadHours === null ? null : leadHours * HOUR,
      sampleSize: 10,
    },
    changeFailureRate: { ...empty.changeFailureRate, ratio: cfr, total: 10 },
  };
}

/** The delivery card evaluated on a lead time (hours) and change failure rate. */
export function evaluateDelivery(
  leadHours: number | null,
  cfr: number | null,
): ScorecardResult {
  return evaluateScorecard({
    scorecard: deliveryCard(),
    metrics: deliveryMetrics(leadHours, cfr),
  });
}
