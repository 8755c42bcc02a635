import fs from 'fs';
import path from 'path';
import { GoldenFixture } from './goldenFixture';

/** The project's own copy of the public golden cases. */
export const OWN_FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function jsonFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => path.join(dir, name));
}

/** The own copy plus every `*.json` in `$DORA_GOLDEN_DIR` when it is set. */
export function goldenFixtureFiles(): string[] {
  const files = jsonFilesIn(OWN_FIXTURES_DIR);
  const extra = process.env.DORA_GOLDEN_DIR;
  if (extra) files.push(...jsonFilesIn(path.resolve(extra)));
  return files;
}

export function readFixture(file: string): GoldenFixture {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
