import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  SignalEvaluationResponse,
  SignalMessage,
  SignalState,
  headsUpMessage,
  isPending,
  signalMessage,
  stepSignal,
} from '@dora-metrics/plugin-dora-common';
import { DoraOpenPullRequestSource } from '@dora-metrics/plugin-dora-node';
import { SignalStore, SignalWrite } from '../../database/SignalStore';
import { EntityCatalog } from '../EntityCatalog';
import { MetricsService } from '../MetricsService';
import { ScorecardService } from '../ScorecardService';
import { NotificationsConfig, SignalKind } from './notificationsConfig';
import {
  AddressedObservation,
  metricObservations,
  scorecardObservations,
} from './readObservations';
import { findReviewHeadsUps } from './reviewHeadsUps';
import {
  ownersByRef,
  recipientRefs,
  scorecardRecipients,
} from './signalRecipients';

export interface SignalServiceOptions {
  config: NotificationsConfig;
  store: SignalStore;
  scorecards: ScorecardService;
  metrics: MetricsService;
  catalog: EntityCatalog;
  notifications: NotificationService;
  auth: AuthService;
  logger: LoggerService;
  /** The kinds of entity measured (`dora.rollup.kinds`). */
  rollupKinds: string[];
  /** Where open pull requests come from (modules add them). */
  openPullRequestSources: DoraOpenPullRequestSource[];
  /** Finds the heads-ups due; {@link findReviewHeadsUps} unless a test gives its own. */
  findHeadsUps?: typeof findReviewHeadsUps;
}

/** A notification due: what to say, to whom, and which signal it is. */
interface Due {
  kind: SignalKind;
  key: string;
  recipients: string[];
  message: SignalMessage;
}

/** A heads-up's row only says it was sent: it never changes again. */
const SENT: SignalState = {
  settled: 0,
  pending: null,
  pendingCount: 0,
  breachedFrom: null,
};

/**
 * Evaluates the signals (rules, levels, metric bands, review heads-ups),
 * keeps their states, and sends what changed through Backstage
 * notifications. A state is written before its notification is sent and
 * only if no concurrent evaluation wrote it first, so each change is sent
 * at most once however many evaluations run.
 */
export class SignalService {
  constructor(private readonly options: SignalServiceOptions) {}

  get enabled(): boolean {
    return this.options.config.enabled;
  }

  async evaluate(now: number): Promise<SignalEvaluationResponse> {
    const { config, auth, catalog, store } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities = await catalog.entitiesOfKinds(
      this.options.rollupKinds,
      credentials,
    );
    const owners = ownersByRef(entities);
    const addressed: AddressedObservation[] = [
      ...(await scorecardObservations(this.options, owners, credentials, now)),
      ...(await metricObservations(
        this.options,
        entities,
        owners,
        credentials,
        now,
      )),
    ];

    const stored = await store.readSignals(
      addressed.map(a => a.observation.key),
    );
    const writes: SignalWrite[] = [];
    const due: Due[] = [];
    let pending = 0;
    let observed = 0;
    for (const { observation, recipients } of addressed) {
      if (observation.rank !== undefined) observed++;
      const before = stored.get(observation.key);
      const { state, send } = stepSignal(before?.state, observation.rank, {
        consecutive: config.consecutiveEvaluations,
      });
      if (isPending(state)) pending++;
      if (state && state !== before?.state) {
        writes.push({
          key: observation.key,
          kind: observation.kind,
          subjectRef: observation.subjectRef,
          state,
          revision: before?.revision,
        });
      }
      if (send && recipients.length > 0) {
        due.push({
          kind: observation.kind,
          key: observation.key,
          recipients,
          message: signalMessage(observation, send),
        });
      }
    }

    const headsUps = await this.headsUps(owners, credentials, now);
    observed += headsUps.length;
    const sentBefore = await store.readSignals(headsUps.map(h => h.key));
    for (const headsUp of headsUps) {
      if (sentBefore.has(headsUp.key)) continue;
      writes.push({
        key: headsUp.key,
        kind: 'reviewHeadsUp',
        subjectRef: headsUp.entityRef,
        state: SENT,
      });
      if (headsUp.recipients.length > 0) due.push(headsUp.due);
    }

    // Only what this evaluation wrote is sent: a concurrent one sends the rest.
    const written = await store.writeSignals(writes, now);
    const sent: Record<string, number> = {
      ruleFailed: 0,
      levelLost: 0,
      metricBand: 0,
      reviewHeadsUp: 0,
    };
    for (const item of due) {
      if (!written.has(item.key)) continue;
      if (await this.send(item)) sent[item.kind]++;
    }
    return { observed, sent, pending };
  }

  /** The heads-ups found now, each under its own signal key, with its recipients. */
  private async headsUps(
    owners: Map<string, string[]>,
    credentials: Awaited<ReturnType<AuthService['getOwnServiceCredentials']>>,
    now: number,
  ) {
    const { config } = this.options;
    if (!config.signals.reviewHeadsUp) return [];
    const find = this.options.findHeadsUps ?? findReviewHeadsUps;
    const found = await find(
      {
        sources: this.options.openPullRequestSources,
        scorecards: this.options.scorecards,
        catalog: this.options.catalog,
        credentials,
        logger: this.options.logger,
        defaultKinds: this.options.rollupKinds,
      },
      now,
      config.reviewHeadsUpShare,
    );
    return found
      .filter(h => scorecardRecipients(config, h.scorecardId).enabled)
      .map(h => {
        const key = `review:${h.key}`;
        const recipients = recipientRefs(
          scorecardRecipients(config, h.scorecardId),
          owners.get(h.entityRef.toLocaleLowerCase('en-US')) ?? [],
        );
        return {
          key,
          entityRef: h.entityRef,
          recipients,
          due: {
            kind: 'reviewHeadsUp' as const,
            key,
            recipients,
            message: headsUpMessage({
              ...h.pullRequest,
              key: h.key,
              entityRef: h.entityRef,
              waitingSeconds: h.waitingSeconds,
              agreedSeconds: h.agreedSeconds,
            }),
          },
        };
      });
  }

  /** Sends one notification; a failure is logged and the others go on. */
  private async send(item: Due): Promise<boolean> {
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: item.recipients },
        payload: item.message,
      });
      return true;
    } catch (error) {
      this.options.logger.warn(
        `DORA notification "${item.message.title}" (${item.kind}) was not sent: ${
          (error as Error).message
        }`,
      );
      return false;
    }
  }
}
