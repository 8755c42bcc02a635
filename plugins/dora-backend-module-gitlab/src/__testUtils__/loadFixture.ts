import fs from 'node:fs';
import path from 'node:path';
import { GitlabFixture } from './fakeGitlab';

/** A fresh copy of a recorded fixture (tests may change it). */
export function loadFixture(name: string): GitlabFixture {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'),
  );
}
