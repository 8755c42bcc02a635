import { MetricsBody } from '../engine/computeMetrics';
import { metricsOf } from '../__testUtils__/eventFactories';
import { changeFailureRateBand } from '../metrics/bands';
import { evaluateBenchmark, inBenchmarkRange } from './benchmarks';
import {
  dora2023Benchmark,
  dora2024Benchmark,
  doraBenchmarks,
  findBenchmark,
} from './doraBenchmarks';

const HOUR = 3600;
const DAY = 24 * HOUR;
const WINDOW = { from: '2024-05-01T00:00:00Z', to: '2024-05-31T00:00:00Z' };

/** A real metrics body without events, with the four key metrics set (null: no value). */
function body(v: {
  perDay?: number | null;
  lead?: number | null;
  cfr?: number | null;
  recovery?: number | null;
}): MetricsBody {
  const empty = metricsOf([], WINDOW);
  return {
    ...empty,
    deploymentFrequency: {
      ...empty.deploymentFrequency,
      perDay: v.perDay ?? null,
    },
    leadTime: { ...empty.leadTime, median: v.lead ?? null },
    changeFailureRate: { ...empty.changeFailureRate, ratio: v.cfr ?? null },
    failedDeploymentRecoveryTime: {
      ...empty.failedDeploymentRecoveryTime,
      median: v.recovery ?? null,
    },
  } as MetricsBody;
}

const cfrLevels = (benchmark = dora2024Benchmark, cfr: number) =>
  evaluateBenchmark(benchmark, body({ cfr })).metrics.find(
    m => m.metric === 'changeFailureRate.ratio',
  )!.levels;

describe('DORA benchmarks by report year', () => {
  it('carry the year in id, title and every level label, and cite their report', () => {
    expect(doraBenchmarks.map(b => b.id)).toEqual(['dora-2024', 'dora-2023']);
    for (const b of doraBenchmarks) {
      expect(b.title).toContain(String(b.year));
      expect(b.source.title).toContain(String(b.year));
      expect(b.source.url).toContain(`/${b.year}/`);
      for (const level of b.levels)
        expect(level.label).toContain(`DORA ${b.year}`);
    }
    expect(findBenchmark('dora-2023')).toBe(dora2023Benchmark);
  });

  it('2024: a change failure rate of 8 % is medium and one of 15 % is high: a lower rate is not a higher level', () => {
    expect(cfrLevels(dora2024Benchmark, 0.08)).toEqual(['medium']);
    expect(cfrLevels(dora2024Benchmark, 0.15)).toEqual(['high']);
    expect(cfrLevels(dora2024Benchmark, 0.1)).toEqual(['medium']);
    expect(cfrLevels(dora2024Benchmark, 0.2)).toEqual(['high']);
    expect(cfrLevels(dora2024Benchmark, 0.04)).toEqual(['elite']);
    expect(cfrLevels(dora2024Benchmark, 0.3)).toEqual(['low']);
  });

  it("2024: a team that deploys weekly with a 15 % failure rate is high, one with 8 % is not (its rate is medium's)", () => {
    const shared = { perDay: 1 / 5, lead: 3 * DAY, recovery: 4 * HOUR };
    const at15 = evaluateBenchmark(
      dora2024Benchmark,
      body({ ...shared, cfr: 0.15 }),
    );
    expect(at15.level).toBe('high');
    const at8 = evaluateBenchmark(
      dora2024Benchmark,
      body({ ...shared, cfr: 0.08 }),
    );
    expect(at8.level).toBeNull();
    expect(at8.closest).toBe('high');
    expect(at8.matches).toEqual([
      { level: 'elite', metrics: 0 },
      { level: 'high', metrics: 3 },
      { level: 'medium', metrics: 2 },
      { level: 'low', metrics: 0 },
    ]);
  });

  it('2023: change failure rate bands are monotonic and agree with changeFailureRateBand (metrics/bands.ts)', () => {
    for (const cfr of [0, 0.03, 0.05, 0.07, 0.1, 0.12, 0.15, 0.3, 0.64, 0.9]) {
      expect(cfrLevels(dora2023Benchmark, cfr)).toEqual([
        changeFailureRateBand(cfr),
      ]);
    }
  });

  it('a value on a shared boundary matches both levels, and the entity takes the highest whose ranges hold every metric', () => {
    const week = evaluateBenchmark(dora2023Benchmark, body({ lead: 7 * DAY }));
    expect(week.metrics[1].levels).toEqual(['high', 'medium', 'low']);
    expect(week.level).toBe('high');
  });

  it('2023: a value in a gap of the table matches no level', () => {
    // Deploying less than once a month: the 2023 table gives no level for it.
    const rare = evaluateBenchmark(dora2023Benchmark, body({ perDay: 1 / 60 }));
    expect(rare.metrics[0].levels).toEqual([]);
    expect(rare.level).toBeNull();
    expect(rare.closest).toBeNull();
    // The 2024 table does: low.
    expect(
      evaluateBenchmark(dora2024Benchmark, body({ perDay: 1 / 60 })).level,
    ).toBe('low');
  });

  it('an elite team is elite in both years; metrics without a value are left out', () => {
    const elite = body({
      perDay: 3,
      lead: 5 * HOUR,
      cfr: 0.02,
      recovery: 20 * 60,
    });
    expect(evaluateBenchmark(dora2023Benchmark, elite).level).toBe('elite');
    expect(evaluateBenchmark(dora2024Benchmark, elite).level).toBe('elite');
    const partial = evaluateBenchmark(dora2024Benchmark, body({ perDay: 3 }));
    expect(partial).toMatchObject({ level: 'elite', measured: 1 });
    expect(evaluateBenchmark(dora2024Benchmark, body({}))).toMatchObject({
      level: null,
      closest: null,
      measured: 0,
    });
  });

  it('ranges honour open and closed ends', () => {
    expect(
      inBenchmarkRange(1, { min: 1, minInclusive: false, reportText: '' }),
    ).toBe(false);
    expect(inBenchmarkRange(1, { min: 1, reportText: '' })).toBe(true);
    expect(
      inBenchmarkRange(2, { max: 2, maxInclusive: false, reportText: '' }),
    ).toBe(false);
    expect(inBenchmarkRange(2, { max: 2, reportText: '' })).toBe(true);
  });
});
