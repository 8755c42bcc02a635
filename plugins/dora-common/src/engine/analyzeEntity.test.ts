import { DoraEvent } from '../events/schemas';
import {
  after,
  change,
  classify,
  deployment,
  EntityOptions,
  HOUR,
  incident,
  ms,
} from '../__testUtils__/eventFactories';
import { analyzeEntity } from './analyzeEntity';

const FROM = '2024-05-01T00:00:00Z';
const TO = '2024-05-02T00:00:00Z';
const window = { from: ms(FROM), to: ms(TO) };

const analyze = (events: DoraEvent[], options?: EntityOptions) =>
  analyzeEntity(classify(events, options), window);

describe('analyzeEntity', () => {
  it('keeps the counted deployments finished in the window, each with whether it failed and is rework', () => {
    const analysis = analyze([
      deployment({ id: 'before', finishedAt: after(FROM, -HOUR) }),
      deployment({ id: 'd1', finishedAt: after(FROM, HOUR), version: 'v1' }),
      deployment({
        id: 'again',
        finishedAt: after(FROM, 2 * HOUR),
        version: 'v1',
      }),
      deployment({
        id: 'd2',
        finishedAt: after(FROM, 3 * HOUR),
        version: 'v2',
        deploymentKind: 'hotfix',
      }),
      incident({
        id: 'i',
        openedAt: after(FROM, 5 * HOUR),
        deploymentId: 'd1',
      }),
      deployment({ id: 'atTo', finishedAt: TO }),
    ]);
    expect(analysis.deployments).toEqual([
      { at: ms(after(FROM, HOUR)), failed: true, rework: false },
      { at: ms(after(FROM, 3 * HOUR)), failed: false, rework: true },
    ]);
  });

  it('places each lead time at its deployment’s finish', () => {
    const analysis = analyze([
      change({ id: 'c1', firstCommitAt: FROM, mergedAt: after(FROM, HOUR) }),
      deployment({ id: 'd1', finishedAt: after(FROM, 2 * HOUR) }),
    ]);
    expect(analysis.leadTimes).toEqual([
      {
        at: ms(after(FROM, 2 * HOUR)),
        seconds: 7200,
        coding: null,
        pickup: null,
        review: null,
        deploy: 3600,
      },
    ]);
  });

  it('counts as open an incident resolved exactly at the window’s end, and measures it nowhere', () => {
    const analysis = analyze([
      incident({ id: 'atTo', openedAt: after(FROM, HOUR), resolvedAt: TO }),
      incident({
        id: 'done',
        openedAt: after(FROM, HOUR),
        resolvedAt: after(FROM, 2 * HOUR),
      }),
      incident({ id: 'never', openedAt: after(FROM, -48 * HOUR) }),
      incident({ id: 'future', openedAt: TO }),
    ]);
    expect(analysis.openIncidents).toBe(2);
    expect(analysis.restores).toEqual([
      { at: ms(after(FROM, 2 * HOUR)), seconds: 3600 },
    ]);
  });

  it('lists production runs in the window for pipeline mode: aborted left out, redeploys kept', () => {
    const analysis = analyze([
      deployment({ id: 's1', finishedAt: after(FROM, HOUR), version: 'v1' }),
      deployment({
        id: 's2',
        finishedAt: after(FROM, 2 * HOUR),
        version: 'v1',
      }),
      deployment({
        id: 'f',
        finishedAt: after(FROM, 3 * HOUR),
        status: 'failure',
      }),
      deployment({
        id: 'a',
        finishedAt: after(FROM, 4 * HOUR),
        status: 'aborted',
      }),
      deployment({
        id: 'st',
        finishedAt: after(FROM, 5 * HOUR),
        status: 'failure',
        environment: 'staging',
      }),
    ]);
    expect(analysis.pipelineRuns).toEqual([
      { at: ms(after(FROM, HOUR)), failed: false },
      { at: ms(after(FROM, 2 * HOUR)), failed: false },
      { at: ms(after(FROM, 3 * HOUR)), failed: true },
    ]);
  });

  it('notes the environments seen, sorted and once each, only when none is production', () => {
    const staging = [
      deployment({
        id: 's1',
        finishedAt: after(FROM, HOUR),
        environment: 'staging',
      }),
      deployment({
        id: 'q1',
        finishedAt: after(FROM, 2 * HOUR),
        environment: 'qa',
      }),
      deployment({
        id: 's2',
        finishedAt: after(FROM, 3 * HOUR),
        environment: 'staging',
      }),
    ];
    expect(analyze(staging).notes.nonProductionEnvironments).toEqual([
      'qa',
      'staging',
    ]);
    expect(
      analyze([
        ...staging,
        deployment({
          id: 'p',
          finishedAt: after(FROM, -HOUR),
          status: 'aborted',
        }),
      ]).notes.nonProductionEnvironments,
    ).toEqual([]);
  });

  it('takes recoveries from the pipeline in pipeline mode, from incidents with an incident source, else none', () => {
    const events = [
      deployment({ id: 'f', finishedAt: after(FROM, HOUR), status: 'failure' }),
      deployment({ id: 's', finishedAt: after(FROM, 3 * HOUR) }),
    ];
    expect(
      analyze(events, { settings: { changeFailureMode: 'pipeline' } }),
    ).toMatchObject({
      recoverySource: 'pipeline',
      recoveries: [{ at: ms(after(FROM, 3 * HOUR)), seconds: 7200 }],
    });
    expect(
      analyze(events, { settings: { incidentSource: 'webhook' } }),
    ).toMatchObject({
      recoverySource: 'incidents',
      recoveries: [],
    });
    expect(analyze(events)).toMatchObject({
      recoverySource: null,
      recoveries: [],
    });
  });

  it('counts the events it was given', () => {
    expect(
      analyze([
        deployment({ id: 'd', finishedAt: after(FROM, -HOUR) }),
        change({ id: 'c' }),
        incident({ id: 'i', openedAt: after(FROM, -HOUR) }),
      ]).notes.eventCount,
    ).toBe(3);
  });
});
