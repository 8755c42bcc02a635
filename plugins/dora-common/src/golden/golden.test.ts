import { computeEntityMetrics } from '../engine/computeMetrics';
import {
  fixtureEntityInput,
  fixtureRequest,
  goldenMismatches,
} from './goldenFixture';
import { goldenFixtureFiles, readFixture } from './loadFixtures';

const fixtures = goldenFixtureFiles().map(readFixture);

describe('golden cases through the engine', () => {
  it('has fixtures to run', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(24);
  });

  it.each(fixtures.map(f => [f.name, f] as const))('%s', (_name, fixture) => {
    const body = computeEntityMetrics(
      fixtureEntityInput(fixture),
      fixtureRequest(fixture),
    );
    expect(goldenMismatches(fixture, body)).toEqual([]);
  });
});
