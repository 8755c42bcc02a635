import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraEvent } from '@dora-metrics/plugin-dora-common';
import {
  DoraEventSink,
  ingestInBatches,
  RateLimitError,
} from '@dora-metrics/plugin-dora-node';
import { GitlabClient } from '../client/GitlabClient';
import { GitlabClientFactory } from '../client/GitlabClientFactory';
import { GitlabCollectorConfig, deploymentSourceFor } from '../config';
import { CursorStore } from '../database/CursorStore';
import { GitlabProject } from '../mapping';
import {
  collectDeployments,
  collectJobDeployments,
} from './collectDeployments';
import { collectMergeRequests } from './collectMergeRequests';
import { StreamResult } from './latest';
import { ProjectTarget, findProjectTargets } from './projectTargets';

/** What one collection did for one project. */
export interface ProjectReport {
  project: string;
  /** Events written, per stream (`merge_requests`, `deployments`, `jobs:<name>`). */
  ingested: Record<string, number>;
  /** Failures, per stream; other streams and projects went on. */
  errors: Record<string, string>;
}

export interface CollectionReport {
  projects: ProjectReport[];
  /** Set when a rate limit wait too long stopped the run; the rest waits for the next run. */
  stoppedBy?: string;
}

export interface GitlabCollectorDeps {
  config: GitlabCollectorConfig;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  clients: GitlabClientFactory;
  cursors: CursorStore;
  now: () => number;
}

/**
 * Collects every GitLab project named by the catalog, each incrementally
 * from its stored cursors. A project's failure is logged and never stops
 * the others; only a rate limit wait longer than allowed ends the run.
 */
export class GitlabCollector {
  constructor(private readonly deps: GitlabCollectorDeps) {}

  async collectAll(
    sink: DoraEventSink,
    signal?: AbortSignal,
  ): Promise<CollectionReport> {
    const targets = await findProjectTargets(this.deps);
    this.deps.logger.info(`GitLab: collecting ${targets.length} projects`);
    const report: CollectionReport = { projects: [] };
    for (const target of targets) {
      if (signal?.aborted) {
        report.stoppedBy = 'the scheduled task was aborted';
        break;
      }
      try {
        report.projects.push(await this.collectProject(target, sink));
      } catch (error) {
        if (!(error instanceof RateLimitError)) throw error;
        report.stoppedBy = error.message;
        this.deps.logger.warn(
          `GitLab: stopped before ${target.label} and the projects after it; they continue on the next run. ${error.message}`,
        );
        break;
      }
    }
    return report;
  }

  /** One project; throws only a RateLimitError (which concerns every project). */
  async collectProject(
    target: ProjectTarget,
    sink: DoraEventSink,
  ): Promise<ProjectReport> {
    const { config } = this.deps;
    const report: ProjectReport = {
      project: target.label,
      ingested: {},
      errors: {},
    };
    let client: GitlabClient;
    let project: GitlabProject;
    try {
      client = this.deps.clients.forHost(config.host);
      project = await client.getJson<GitlabProject>(
        `projects/${target.apiRef}`,
      );
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
      this.fail(report, 'project', error);
      return report;
    }
    const common = {
      client,
      projectId: project.id,
      project: project.path_with_namespace,
    };

    await this.collectStream(report, project, 'merge_requests', sink, since =>
      collectMergeRequests({ ...common, entities: target.entities, since }),
    );
    const owner = target.deploymentEntity;
    if (!owner) return report;
    let source;
    try {
      source = deploymentSourceFor(owner.annotations, config);
    } catch (error) {
      this.fail(report, 'deployments', error);
      return report;
    }
    if (source.kind === 'job') {
      const job = source.job;
      await this.collectStream(
        report,
        project,
        `jobs:${job.text}`,
        sink,
        since =>
          collectJobDeployments({
            ...common,
            entityRef: owner.entityRef,
            since,
            job,
            jobEnvironments: config.jobEnvironments,
          }),
      );
    } else {
      await this.collectStream(report, project, 'deployments', sink, since =>
        collectDeployments({ ...common, entityRef: owner.entityRef, since }),
      );
    }
    return report;
  }

  /** Read from the cursor (or the lookback), write, and only then move the cursor. */
  private async collectStream(
    report: ProjectReport,
    project: GitlabProject,
    stream: string,
    sink: DoraEventSink,
    collect: (since: string) => Promise<StreamResult<DoraEvent>>,
  ) {
    const { cursors, logger, config } = this.deps;
    // Keyed by the numeric id: it survives renames and transfers.
    const key = String(project.id);
    const label = `${project.path_with_namespace} ${stream}`;
    try {
      const since = (await cursors.get(key, stream)) ?? this.lookbackStart();
      const { events, cursor } = await collect(since);
      const accepted = await ingestInBatches(sink, events, {
        batchSize: config.batchSize,
        logger,
        label: `GitLab ${label}`,
      });
      await cursors.set(key, stream, cursor);
      report.ingested[stream] = accepted;
      logger.info(
        `GitLab ${label}: ${accepted} events since ${since}, next from ${cursor}`,
      );
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
      this.fail(report, stream, error);
    }
  }

  private fail(report: ProjectReport, stream: string, error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    report.errors[stream] = message;
    this.deps.logger.warn(
      `GitLab ${report.project} ${stream} failed, will retry on the next run: ${message}`,
    );
  }

  private lookbackStart(): string {
    return new Date(
      this.deps.now() - this.deps.config.lookbackDays * 86400_000,
    ).toISOString();
  }
}
