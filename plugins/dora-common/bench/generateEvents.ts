import { mulberry32 } from '../src/util/seededRandom';
/**
 * A seeded, deterministic generator of realistic ingest events for one
 * entity, for the engine benchmark. Same options, same events, every run.
 *
 * At `scale: 1` an entity gets 10,000 deployments, 50,000 changes and 1,000
 * incidents spread over the window (an entity-year when the window is a
 * year). The mix: mostly successful production deployments, with failures,
 * aborted runs, staging runs, redeploys, rollbacks and hotfixes; changes
 * linked explicitly (`changeIds`), by `commitSha`, or by finish time; a few
 * reverts; incidents linked by deployment, by change, unlinked, and open.
 */

/** Events per unit of `scale`. */
export const DEPLOYMENTS_PER_SCALE = 10_000;
export const CHANGES_PER_DEPLOYMENT = 5;
export const DEPLOYMENTS_PER_INCIDENT = 10;

export interface GenerateOptions {
  entityRef: string;
  /** The window the events fall in (ISO-8601 instants). */
  from: string;
  to: string;
  /** 1 = 10,000 deployments, 50,000 changes, 1,000 incidents. */
  scale?: number;
  seed?: number;
  /**
   * `shuffled` (default): no order at all, the engine's worst case.
   * `ingestion`: in the order producers would send them (a deployment when
   * it finishes, a change when merged, an incident when last updated), as a
   * store reading rows in insertion order would return them.
   */
  order?: 'shuffled' | 'ingestion';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type RawEvent = Record<string, unknown>;

/** Drops `undefined` fields, as a JSON body would not have them. */
function compact(event: RawEvent): RawEvent {
  for (const field of Object.keys(event)) {
    if (event[field] === undefined) delete event[field];
  }
  return event;
}

interface GeneratedChange {
  id: string;
  mergedAt: number;
  mergeCommitSha: string;
  hotfix: boolean;
}

interface GeneratedDeployment {
  id: string;
  finishedAt: number;
  counted: boolean;
}

export function generateEvents(options: GenerateOptions): RawEvent[] {
  const { entityRef, scale = 1, seed = 1, order = 'shuffled' } = options;
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const span = to - from;
  const random = mulberry32(seed);
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + random() * (max - min);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  /** Exponentially distributed, for durations and sizes with a long tail. */
  const exponential = (mean: number) => -Math.log(1 - random()) * mean;
  const sha = () => {
    let hex = '';
    for (let i = 0; i < 5; i++) {
      hex += Math.floor(random() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    }
    return hex;
  };
  /** Most producers send UTC (`Z`); some send a local offset. */
  const iso = (millis: number) => {
    if (!chance(0.15)) return new Date(millis).toISOString();
    const offsetHours = pick([1, 2, -5, 5.5]);
    const local = new Date(millis + offsetHours * HOUR).toISOString();
    const sign = offsetHours < 0 ? '-' : '+';
    const abs = Math.abs(offsetHours);
    const hh = String(Math.floor(abs)).padStart(2, '0');
    const mm = String((abs % 1) * 60).padStart(2, '0');
    return `${local.slice(0, -1)}${sign}${hh}:${mm}`;
  };

  const key = entityRef.replace(/^.*\//, '');
  const deploymentCount = Math.round(DEPLOYMENTS_PER_SCALE * scale);
  const changeCount = deploymentCount * CHANGES_PER_DEPLOYMENT;
  const incidentCount = Math.round(deploymentCount / DEPLOYMENTS_PER_INCIDENT);
  const events: RawEvent[] = [];
  /** When each event would be sent, for the ingestion order. */
  const sentAt: number[] = [];
  const emit = (event: RawEvent, sent: number) => {
    events.push(compact(event));
    sentAt.push(sent);
  };

  // Changes, merged at evenly spread instants (in merge order); 2% never merged.
  const changes: GeneratedChange[] = [];
  for (let i = 0; i < changeCount; i++) {
    const id = `${key}#${i + 1}`;
    const mergedAt = from + ((i + random()) * span) / changeCount;
    const merged = !chance(0.02);
    const firstReviewAt = mergedAt - exponential(4 * HOUR) - 5 * MINUTE;
    const openedAt = firstReviewAt - exponential(6 * HOUR) - MINUTE;
    const firstCommitAt = openedAt - exponential(DAY) - MINUTE;
    const reviewed = !chance(0.08);
    const hotfix = chance(0.02);
    let labels: string[] | undefined;
    if (hotfix) labels = ['hotfix'];
    else if (chance(0.3)) labels = [pick(['feature', 'bug', 'chore'])];
    const revertOf =
      merged && changes.length > 0 && chance(0.01)
        ? pick(changes.slice(-50)).id
        : undefined;
    const mergeCommitSha = sha();
    emit(
      {
        kind: 'change',
        source: 'github',
        id,
        entityRef,
        repository: `acme/${key}`,
        number: i + 1,
        title: revertOf ? `Revert "${revertOf}"` : `Change ${i + 1}`,
        author: `dev-${Math.floor(random() * 25)}`,
        firstCommitAt: chance(0.03) ? undefined : iso(firstCommitAt),
        openedAt: iso(openedAt),
        firstReviewAt: reviewed ? iso(firstReviewAt) : undefined,
        approvedAt: reviewed
          ? iso(firstReviewAt + exponential(HOUR))
          : undefined,
        mergedAt: merged ? iso(mergedAt) : null,
        mergeCommitSha: merged ? mergeCommitSha : undefined,
        additions: Math.floor(exponential(150)),
        deletions: Math.floor(exponential(60)),
        reviewCount: reviewed ? 1 + Math.floor(exponential(0.8)) : 0,
        revertOf,
        labels,
      },
      merged ? mergedAt : openedAt,
    );
    if (merged) changes.push({ id, mergedAt, mergeCommitSha, hotfix });
  }

  // Deployments in finish order. Each successful production run ships the
  // changes merged since the previous one, by one of three kinds of evidence.
  const deployments: GeneratedDeployment[] = [];
  let nextChange = 0;
  let version = 0;
  let lastShipped: GeneratedDeployment | null = null;
  let previousVersion = 'v0';
  let currentVersion = 'v0';
  for (let i = 0; i < deploymentCount; i++) {
    const id = `${key}-run-${i + 1}`;
    const finishedAt = from + ((i + random()) * span) / deploymentCount;
    const startedAt = finishedAt - between(2 * MINUTE, 20 * MINUTE);
    const base = {
      kind: 'deployment',
      source: 'github-actions',
      id,
      entityRef,
      startedAt: iso(startedAt),
      finishedAt: iso(finishedAt),
    };
    const roll = random();
    if (roll < 0.08) {
      // Staging runs never count.
      emit(
        {
          ...base,
          environment: 'staging',
          status: 'success',
          version: `v${version + 1}-rc`,
        },
        finishedAt,
      );
      continue;
    }
    if (roll < 0.16) {
      // Failed (6%) and aborted (2%) production runs.
      emit(
        {
          ...base,
          environment: 'production',
          status: roll < 0.14 ? 'failure' : 'aborted',
          version: `v${version + 1}`,
        },
        finishedAt,
      );
      continue;
    }
    const deployment: GeneratedDeployment = { id, finishedAt, counted: true };
    if (roll < 0.19) {
      // A redeploy of the running version: not counted.
      deployment.counted = false;
      emit(
        {
          ...base,
          environment: 'production',
          status: 'success',
          version: currentVersion,
          changeIds: [],
        },
        finishedAt,
      );
      deployments.push(deployment);
      continue;
    }
    if (roll < 0.2 && lastShipped) {
      // A rollback to the version before.
      emit(
        {
          ...base,
          environment: 'production',
          status: 'success',
          version: previousVersion,
          changeIds: [],
          rollbackOf: lastShipped.id,
          deploymentKind: 'rollback',
        },
        finishedAt,
      );
      [previousVersion, currentVersion] = [currentVersion, previousVersion];
      deployments.push(deployment);
      continue;
    }
    const shipped: GeneratedChange[] = [];
    while (
      nextChange < changes.length &&
      changes[nextChange].mergedAt <= finishedAt
    ) {
      shipped.push(changes[nextChange++]);
    }
    version++;
    previousVersion = currentVersion;
    currentVersion = `v${version}`;
    const evidence = random();
    const head = shipped[shipped.length - 1];
    emit(
      {
        ...base,
        environment: 'production',
        status: 'success',
        version: currentVersion,
        // 50% explicit; 30% inferred by the merge commit; 20% by finish time.
        commitSha: evidence < 0.8 && head ? head.mergeCommitSha : sha(),
        changeIds: evidence < 0.5 ? shipped.map(c => c.id) : undefined,
        deploymentKind: shipped.some(c => c.hotfix) ? 'hotfix' : undefined,
      },
      finishedAt,
    );
    deployments.push(deployment);
    lastShipped = deployment;
  }

  // Incidents: 35% name a deployment, 15% a change, the rest are unlinked
  // (some right after a deployment); 5% are still open.
  const counted = deployments.filter(d => d.counted);
  for (let i = 0; i < incidentCount; i++) {
    const link = random();
    let deploymentId: string | undefined;
    let changeId: string | undefined;
    let causedByDeployment: boolean | undefined;
    let openedAt: number;
    if (link < 0.35 && counted.length) {
      const target = pick(counted);
      deploymentId = target.id;
      openedAt = target.finishedAt + exponential(2 * HOUR);
    } else if (link < 0.5 && changes.length) {
      const target = pick(changes);
      changeId = target.id;
      openedAt = target.mergedAt + exponential(DAY);
    } else if (counted.length) {
      const after = pick(counted);
      openedAt = after.finishedAt + exponential(HOUR);
      if (chance(0.1)) causedByDeployment = false;
      else if (chance(0.05)) causedByDeployment = true;
    } else {
      openedAt = between(from, to);
    }
    const open = chance(0.05);
    const resolvedAt = open ? null : openedAt + exponential(3 * HOUR) + MINUTE;
    emit(
      {
        kind: 'incident',
        source: 'pagerduty',
        id: `${key}-inc-${i + 1}`,
        entityRef,
        title: `Incident ${i + 1}`,
        severity: pick(['sev1', 'sev2', 'sev2', 'sev3', 'sev3', 'sev3']),
        openedAt: iso(openedAt),
        resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
        deploymentId,
        changeId,
        causedByDeployment,
      },
      resolvedAt ?? openedAt,
    );
  }

  if (order === 'ingestion') {
    const positions = events.map((_, i) => i);
    positions.sort((a, b) => sentAt[a] - sentAt[b] || a - b);
    return positions.map(i => events[i]);
  }
  // Fisher-Yates: the engine sorts itself and must not rely on input order.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  return events;
}

export { mulberry32 };
