import { MAX_LISTED_FILES, touchedPaths } from './touchedPaths';
import { authorKindOf } from './authorKind';

const files = (names: string[]) => names.map(filename => ({ filename }));

describe('touchedPaths', () => {
  it('lists the files of a change of up to 300 files, and the old name of a renamed one', () => {
    expect(
      touchedPaths([
        { filename: 'b/x.ts' },
        { filename: 'a/new.ts', previous_filename: 'c/old.ts' },
      ]),
    ).toEqual(['a/new.ts', 'b/x.ts', 'c/old.ts']);
  });

  it('above 300 files records the distinct top-level directories as dir/ (root files stay themselves)', () => {
    const many = Array.from(
      { length: MAX_LISTED_FILES + 1 },
      (_, i) => `pkg${i % 3}/src/f${i}.ts`,
    );
    expect(touchedPaths(files([...many, 'README.md']))).toEqual([
      'README.md',
      'pkg0/',
      'pkg1/',
      'pkg2/',
    ]);
    expect(touchedPaths(files(many.slice(0, MAX_LISTED_FILES)))).toHaveLength(
      MAX_LISTED_FILES,
    );
  });

  it('a list GitHub cut short (changed_files above the files listed) records directories', () => {
    expect(touchedPaths(files(['a/b/c.ts', 'a/d.ts', 'e/f.ts']), 3001)).toEqual(
      ['a/', 'e/'],
    );
    expect(touchedPaths(files(['a/b/c.ts']), 1)).toEqual(['a/b/c.ts']);
  });
});

describe('authorKindOf', () => {
  it('a bot is type Bot or a login ending in [bot]; a person is human; no user is unknown', () => {
    expect(authorKindOf({ login: 'dependabot[bot]', type: 'Bot' })).toBe('bot');
    expect(authorKindOf({ login: 'renovate[bot]' })).toBe('bot');
    expect(authorKindOf({ login: 'ci-app', type: 'Bot' })).toBe('bot');
    expect(authorKindOf({ login: 'alice', type: 'User' })).toBe('human');
    expect(authorKindOf(null)).toBeNull();
  });
});
