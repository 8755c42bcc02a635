/**
 * Test helpers shared with the other dora packages: the golden cases of the
 * product spec, and how to check a metrics body against them.
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
