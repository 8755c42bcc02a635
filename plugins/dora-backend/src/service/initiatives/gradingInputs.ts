import { createHash } from 'crypto';
import { ExemptionStore } from '../../database/ExemptionStore';
import { FactStore } from '../../database/FactStore';

/**
 * What grading a scorecard reads besides its definition and the catalog, as
 * a key: the generation of each entity's facts (it grows with every write to
 * its events) and the settings they were built with, and the scorecard's
 * exemptions with their state. `undefined` while the facts of an entity are
 * out of date: weeks graded then are about to change.
 */
export type GradingInputs = (
  scorecardId: string,
  entityRefs: string[],
) => Promise<string | undefined>;

export function gradingInputsOf(
  facts: Pick<FactStore, 'states'>,
  exemptions: Pick<ExemptionStore, 'listExemptions'>,
): GradingInputs {
  return async (scorecardId, entityRefs) => {
    const states = await facts.states(entityRefs);
    const built: Array<[number, string | null] | null> = [];
    for (const ref of entityRefs) {
      const state = states.get(ref);
      // No row: the entity has no events.
      if (!state) built.push(null);
      else if (state.builtGeneration !== state.generation) return undefined;
      else built.push([state.generation, state.settingsKey]);
    }
    const listed = await exemptions.listExemptions(scorecardId, {});
    const decided = listed.map(e => [
      e.id,
      e.status,
      e.ruleId,
      e.scope,
      e.expiresAt,
    ]);
    return createHash('sha256')
      .update(JSON.stringify([built, decided]))
      .digest('base64url');
  };
}
