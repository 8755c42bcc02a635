import { Config } from '@backstage/config';
import {
  NamePattern,
  parseNamePattern,
} from '@dora-metrics/plugin-dora-common';
import { GithubWorkflowRun } from './mapping/githubTypes';

/** `dora.github.workflowEnvironments[]`: runs whose name matches go to the environment. */
export interface WorkflowEnvironmentRule {
  match: NamePattern;
  environment: string;
}

const KEY = 'dora.github.workflowEnvironments';

/** Reads and checks the rules; a bad one stops the start with the key that is wrong. */
export function readWorkflowEnvironmentRules(
  github: Config | undefined,
): WorkflowEnvironmentRule[] {
  const entries = github?.getOptionalConfigArray('workflowEnvironments') ?? [];
  return entries.map((entry, index) => {
    const at = `${KEY}[${index}]`;
    const match = entry.getOptionalString('match');
    const environment = entry.getOptionalString('environment')?.trim();
    if (match === undefined) throw new Error(`${at}.match is required`);
    if (!environment) {
      throw new Error(`${at}.environment is required and must not be empty`);
    }
    const pattern = parseNamePattern(match);
    if (typeof pattern === 'string') {
      throw new Error(`${at}.match "${match}" ${pattern}`);
    }
    return { match: pattern, environment };
  });
}

/**
 * The environment of a deployment-workflow run: the first rule matching the
 * workflow's name or the run's display title, else the fallback (the
 * entity's `dora/github-deployment-environment` or `workflowEnvironment`).
 */
export function environmentOfRun(
  run: Pick<GithubWorkflowRun, 'name' | 'display_title'>,
  rules: readonly WorkflowEnvironmentRule[],
  fallback: string,
): string {
  const names = [run.name, run.display_title].filter(
    (n): n is string => typeof n === 'string' && n.length > 0,
  );
  const rule = rules.find(r => names.some(name => r.match.matches(name)));
  return rule?.environment ?? fallback;
}
