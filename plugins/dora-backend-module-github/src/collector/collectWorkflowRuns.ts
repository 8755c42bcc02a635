import { DeploymentEvent } from '@dora-metrics/plugin-dora-common';
import { GithubWorkflowRun, workflowRunToDeployment } from '../mapping';
import { CreatedStreamTarget } from './collectDeployments';
import { StreamResult } from './collectPullRequests';
import { CreatedCursor } from './createdCursor';
import { listSince } from './listSince';
import {
  WorkflowEnvironmentRule,
  environmentOfRun,
} from '../workflowEnvironments';

/** Runs of the deployment workflow created since the cursor. */
export async function collectWorkflowRuns(
  target: CreatedStreamTarget & {
    workflow: string;
    /** The environment when no rule matches the run. */
    environment: string;
    environmentRules: readonly WorkflowEnvironmentRule[];
  },
): Promise<StreamResult<DeploymentEvent>> {
  const { client, repository } = target;
  const cursor = new CreatedCursor(target.since);
  const runs = await listSince(
    runPages(
      client.pages<{ workflow_runs?: GithubWorkflowRun[] }>(
        `repos/${repository}/actions/workflows/${encodeURIComponent(target.workflow)}/runs`,
        // Narrows the listing server-side; the exact cut is made below.
        { per_page: 100, created: `>=${target.since.slice(0, 10)}` },
      ),
    ),
    run => run.created_at,
    target.since,
  );

  const events: DeploymentEvent[] = [];
  for (const run of runs) {
    cursor.seen(run.created_at);
    const event = workflowRunToDeployment({
      repository,
      entityRef: target.entityRef,
      run,
      environment: environmentOfRun(
        run,
        target.environmentRules,
        target.environment,
      ),
    });
    if (event) events.push(event);
    else if (run.status !== 'completed') {
      cursor.pending(run.created_at, target.now);
    }
  }
  return { events, cursor: cursor.value };
}

/** The runs of each page of `{ total_count, workflow_runs: [...] }`. */
async function* runPages(
  pages: AsyncIterable<{ workflow_runs?: GithubWorkflowRun[] }>,
): AsyncGenerator<GithubWorkflowRun[]> {
  for await (const page of pages) yield page.workflow_runs ?? [];
}
