import fs from 'fs';
import path from 'path';
import { OWN_FIXTURES_DIR, jsonFilesIn } from './loadFixtures';

// ../shared sits beside the repository root only in the project's own
// workspace and CI; a clone elsewhere has just the copy.
const SHARED_FIXTURES_DIR = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/golden',
);

const contents = (dir: string) =>
  Object.fromEntries(
    jsonFilesIn(dir).map(file => [
      path.basename(file),
      fs.readFileSync(file, 'utf8'),
    ]),
  );

describe('the own copy of the golden fixtures', () => {
  it('is the same, file for file and byte for byte, as ../shared/fixtures/golden when that folder exists', () => {
    const own = contents(OWN_FIXTURES_DIR);
    const shared = fs.existsSync(SHARED_FIXTURES_DIR)
      ? contents(SHARED_FIXTURES_DIR)
      : own;
    expect(Object.keys(own).length).toBeGreaterThan(0);
    expect(own).toEqual(shared);
  });
});
