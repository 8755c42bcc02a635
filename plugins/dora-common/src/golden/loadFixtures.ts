import fs from 'fs';
import path from 'path';
import { GoldenFixture } from './goldenFixture';

// The fixtures sit at the package root, outside src/, so the published
// package ships them (`files`) and this resolves from src/ and from dist/.
function packageRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
  return packageRoot(parent);
}

/** The project's own copy of the public golden cases. */
export const OWN_FIXTURES_DIR = path.join(
  packageRoot(__dirname),
  'golden-fixtures',
);

/**
 * The project's own golden cases beyond the spec's (exclusion rules, path
 * attribution, production by rule), in the same format.
 */
export const PROJECT_FIXTURES_DIR = path.join(
  packageRoot(__dirname),
  'project-golden-fixtures',
);

export function jsonFilesIn(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => path.join(dir, name));
}

/** The own copy, the project's own cases, and every `*.json` in `$DORA_GOLDEN_DIR` when it is set. */
export function goldenFixtureFiles(): string[] {
  const files = [
    ...jsonFilesIn(OWN_FIXTURES_DIR),
    ...jsonFilesIn(PROJECT_FIXTURES_DIR),
  ];
  const extra = process.env.DORA_GOLDEN_DIR;
  if (extra) files.push(...jsonFilesIn(path.resolve(extra)));
  return files;
}

export function readFixture(file: string): GoldenFixture {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
