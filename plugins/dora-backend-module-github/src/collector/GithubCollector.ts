import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import {
  DoraEventSink,
  ingestInBatches,
  RateLimitError,
} from '@dora-metrics/plugin-dora-node';
import { GithubClient } from '../client/GithubClient';
import { GithubClientFactory } from '../client/GithubClientFactory';
import { GithubCollectorConfig } from '../config';
import { CursorStore } from '../database/CursorStore';
import { collectDeployments } from './collectDeployments';
import { StreamResult, collectPullRequests } from './collectPullRequests';
import { collectWorkflowRuns } from './collectWorkflowRuns';
import { deploymentStreams } from './deploymentStreams';
import {
  RepositoryTarget,
  claimsPaths,
  findRepositoryTargets,
} from './repositoryTargets';

/** What one collection did for one repository. */
export interface RepositoryReport {
  repository: string;
  /** Its entities (several in a monorepo whose entities claim paths). */
  entityRefs: string[];
  /** Events written, per stream (`pulls`, `deployments`, `runs:deploy.yml`). */
  ingested: Record<string, number>;
  /** Failures, per stream; other streams and repositories went on. */
  errors: Record<string, string>;
}

export interface CollectionReport {
  repositories: RepositoryReport[];
  /** Set when GitHub's rate limit stopped the run; the rest waits for the next run. */
  stoppedBy?: string;
}

export interface GithubCollectorDeps {
  config: GithubCollectorConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  clients: GithubClientFactory;
  cursors: CursorStore;
  now: () => number;
}

/**
 * Collects every repository named by a `github.com/project-slug` annotation,
 * each incrementally from its stored cursors. One repository's failure is
 * logged and never stops the others.
 */
export class GithubCollector {
  constructor(private readonly deps: GithubCollectorDeps) {}

  async collectAll(
    sink: DoraEventSink,
    signal?: AbortSignal,
  ): Promise<CollectionReport> {
    const { logger } = this.deps;
    const targets = await findRepositoryTargets(this.deps);
    logger.info(`GitHub: collecting ${targets.length} repositories`);
    const report: CollectionReport = { repositories: [] };
    for (const target of targets) {
      if (signal?.aborted) {
        report.stoppedBy = 'the scheduled task was aborted';
        break;
      }
      try {
        report.repositories.push(await this.collectRepository(target, sink));
      } catch (error) {
        if (!(error instanceof RateLimitError)) throw error;
        report.stoppedBy = error.message;
        logger.warn(
          `GitHub: stopped before ${target.repository} and the repositories after it; they continue on the next run. ${error.message}`,
        );
        break;
      }
    }
    return report;
  }

  /** Collects one repository; throws only a RateLimitError (which concerns every repository). */
  async collectRepository(
    target: RepositoryTarget,
    sink: DoraEventSink,
  ): Promise<RepositoryReport> {
    const { config } = this.deps;
    const report: RepositoryReport = {
      repository: target.repository,
      entityRefs: target.entities.map(e => e.entityRef),
      ingested: {},
      errors: {},
    };
    let client: GithubClient;
    try {
      client = await this.deps.clients.forRepository(
        target.repository,
        config.host,
      );
    } catch (error) {
      this.fail(report, 'all', error);
      return report;
    }

    await this.collectStream(report, 'pulls', sink, since =>
      collectPullRequests({
        repository: target.repository,
        entities: target.entities,
        readFiles: claimsPaths(target),
        client,
        since,
        logger: this.deps.logger,
      }),
    );
    for (const { entity, source } of deploymentStreams(
      target,
      config,
      this.deps.logger,
    )) {
      const streamTarget = {
        repository: target.repository,
        entityRef: entity.entityRef,
        client,
        now: this.deps.now(),
      };
      if (source.kind === 'workflow') {
        await this.collectStream(
          report,
          `runs:${source.workflow}`,
          sink,
          since =>
            collectWorkflowRuns({
              ...streamTarget,
              since,
              workflow: source.workflow,
              environment: source.environment,
              environmentRules: config.workflowEnvironments,
            }),
        );
      } else {
        await this.collectStream(report, 'deployments', sink, since =>
          collectDeployments({ ...streamTarget, since }),
        );
      }
    }
    return report;
  }

  /**
   * One stream of one repository: read from its cursor (or the lookback on
   * the first run), write the events, and only then move the cursor.
   */
  private async collectStream(
    report: RepositoryReport,
    stream: string,
    sink: DoraEventSink,
    collect: (since: string) => Promise<StreamResult<DoraEvent>>,
  ) {
    const { cursors, logger, config } = this.deps;
    const label = `${report.repository} ${stream}`;
    try {
      const since =
        (await cursors.get(report.repository, stream)) ?? this.lookbackStart();
      const { events, cursor } = await collect(since);
      const accepted = await ingestInBatches(sink, events, {
        batchSize: config.batchSize,
        logger,
        label: `GitHub ${label}`,
      });
      await cursors.set(report.repository, stream, cursor);
      report.ingested[stream] = accepted;
      logger.info(
        `GitHub ${label}: ${accepted} events since ${since}, next from ${cursor}`,
      );
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
      this.fail(report, stream, error);
    }
  }

  private fail(report: RepositoryReport, stream: string, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    report.errors[stream] = message;
    this.deps.logger.warn(
      `GitHub ${report.repository} ${stream} failed, will retry on the next run: ${message}`,
    );
  }

  private lookbackStart(): string {
    return new Date(
      this.deps.now() - this.deps.config.lookbackDays * 86400_000,
    ).toISOString();
  }
}
