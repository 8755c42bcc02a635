/**
 * Test helpers shared with the other dora packages: the golden cases of the
 * product spec, how to check a metrics body against them, and a seeded PRNG.
 *
 * @packageDocumentation
 */
export type { GoldenFixture } from './golden/goldenFixture';
export {
  fixtureEntityInput,
  fixtureEvents,
  fixtureRequest,
  fixtureSettings,
  goldenMismatches,
  valueAtPath,
} from './golden/goldenFixture';
export {
  OWN_FIXTURES_DIR,
  goldenFixtureFiles,
  jsonFilesIn,
  readFixture,
} from './golden/loadFixtures';
export { mulberry32 } from './util/seededRandom';
