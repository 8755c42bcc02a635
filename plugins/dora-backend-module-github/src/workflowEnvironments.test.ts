import { ConfigReader } from '@backstage/config';
import { readGithubCollectorConfig } from './config';
import { environmentOfRun } from './workflowEnvironments';

const read = (
  workflowEnvironments: Array<Record<string, string>> | undefined,
) =>
  readGithubCollectorConfig(
    new ConfigReader({ dora: { github: { workflowEnvironments } } }),
  );

describe('dora.github.workflowEnvironments', () => {
  it('first matching rule wins, on the workflow name or the run title; no match falls back', () => {
    const { workflowEnvironments: rules } = read([
      { match: 'Deploy prod*', environment: 'production' },
      { match: '/staging/i', environment: 'staging' },
      { match: 'Deploy production EU', environment: 'never' },
    ]);
    expect(environmentOfRun({ name: 'Deploy production EU' }, rules, 'x')).toBe(
      'production',
    );
    expect(
      environmentOfRun(
        { name: 'Deploy', display_title: 'Release to STAGING' },
        rules,
        'x',
      ),
    ).toBe('staging');
    expect(environmentOfRun({ name: 'Build' }, rules, 'fallback')).toBe(
      'fallback',
    );
  });

  it('is empty when not set', () => {
    expect(read(undefined).workflowEnvironments).toEqual([]);
  });

  it('a bad rule stops the start with an error naming the key', () => {
    expect(() => read([{ match: '/(/', environment: 'p' }])).toThrow(
      /dora\.github\.workflowEnvironments\[0\]\.match "\/\(\/" is not a regular expression/,
    );
    expect(() =>
      read([{ match: 'a', environment: 'p' }, { environment: 'p' }]),
    ).toThrow(/dora\.github\.workflowEnvironments\[1\]\.match is required/);
    expect(() => read([{ match: 'a', environment: ' ' }])).toThrow(
      /dora\.github\.workflowEnvironments\[0\]\.environment is required/,
    );
  });
});
