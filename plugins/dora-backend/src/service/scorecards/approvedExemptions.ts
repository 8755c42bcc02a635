import { Exemption } from '@dora-metrics/plugin-dora-common';
import { ExemptionStore } from '../../database/ExemptionStore';

/** Where grading reads exemptions from (the exemption store). */
export type ExemptionSource = Pick<ExemptionStore, 'listExemptions'>;

/**
 * The approved exemptions of each scorecard, by scorecard id. Whether one
 * is in force (not expired) is the model's to say at the grading instant.
 */
export async function approvedExemptions(
  source: ExemptionSource | undefined,
  scorecardIds: Iterable<string>,
): Promise<Map<string, Exemption[]>> {
  const byScorecard = new Map<string, Exemption[]>();
  for (const id of new Set(scorecardIds)) {
    const listed = source ? await source.listExemptions(id, {}) : [];
    byScorecard.set(
      id,
      listed.filter(e => e.status === 'approved'),
    );
  }
  return byScorecard;
}
