import type { StagedScorecard } from '@dora-metrics/plugin-dora-common';
import type { Config } from '../../../config';

// config.d.ts stays a self-contained declaration (Backstage's config schema
// tooling reads it alone, it cannot import the zod-inferred type), so its
// scorecard is a copy: the compiler checks the copy against the original.
type ConfigScorecard = NonNullable<
  NonNullable<Config['dora']>['scorecards']
>[number];
type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const sameShape: SameShape<ConfigScorecard, StagedScorecard> = true;

describe('config.d.ts', () => {
  it('declares the same scorecard as dora-common (checked by tsc)', () => {
    expect(sameShape).toBe(true);
  });
});
