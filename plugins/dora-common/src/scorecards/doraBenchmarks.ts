import { DAY_SECONDS as DAY, HOUR_SECONDS as HOUR } from '../time/durations';
import { BenchmarkDefinition, BenchmarkRange } from './benchmarks';

/*
 * The software delivery performance levels of the DORA State of DevOps
 * reports of 2023 and 2024, as their tables give them, so a team can see
 * where it stands in the year's terms (the levels move every year: they are
 * clusters of that year's answers). The year is in every id and label.
 *
 * Reading of the tables (the same for both years):
 * - deployment frequency in deployments per day: "on demand (multiple deploys
 *   per day)" is more than one a day; "between once per day and once per
 *   week" is [1/7, 1]; a month is 30 days, six months 180 days, as in the engine;
 * - lead time and recovery time in seconds: "less than one day" is [0, 1d),
 *   "between one day and one week" is [1d, 7d]; both ends of a "between" are
 *   in, so a value on a boundary matches both levels;
 * - change failure rate: the reports give one value per level. A level's
 *   range runs from the next smaller value given (exclusive) up to its own
 *   (inclusive), the largest up to 100 %. That is the 2023 reading of
 *   `changeFailureRateBand` in metrics/bands.ts; in 2024 it makes medium
 *   (5–10 %] and high (10–20 %]: medium's failure rate is the lower one.
 * Where a table leaves a gap (2023: deploying less than monthly, lead time
 * over a month, recovery between a week and a month or over six months), a
 * value matches no level: the report defines none for it.
 */

const DF = 'deploymentFrequency.perDay';
const LT = 'leadTime.median';
const CFR = 'changeFailureRate.ratio';
const FDRT = 'failedDeploymentRecoveryTime.median';
const MONTH = 30 * DAY;

const between = (
  min: number,
  max: number,
  reportText: string,
): BenchmarkRange => ({
  min,
  max,
  reportText,
});
const lessThan = (max: number, reportText: string): BenchmarkRange => ({
  min: 0,
  max,
  maxInclusive: false,
  reportText,
});
const upTo = (
  min: number,
  max: number,
  reportText: string,
): BenchmarkRange => ({
  min,
  minInclusive: min > 0 ? false : true,
  max,
  reportText,
});
const onDemand: BenchmarkRange = {
  min: 1,
  minInclusive: false,
  reportText: 'On demand (multiple deploys per day)',
};

const label = (level: string, year: number) =>
  `${level[0].toUpperCase()}${level.slice(1)} (DORA ${year})`;

export const dora2023Benchmark: BenchmarkDefinition = {
  id: 'dora-2023',
  title: 'DORA 2023 software delivery performance levels',
  year: 2023,
  source: {
    title:
      'Accelerate State of DevOps Report 2023 (DORA, Google Cloud), software delivery performance clusters',
    url: 'https://dora.dev/research/2023/dora-report/',
  },
  metrics: [DF, LT, CFR, FDRT],
  levels: [
    {
      level: 'elite',
      label: label('elite', 2023),
      ranges: {
        [DF]: onDemand,
        [LT]: lessThan(DAY, 'Less than one day'),
        [CFR]: upTo(0, 0.05, '5%'),
        [FDRT]: lessThan(HOUR, 'Less than one hour'),
      },
    },
    {
      level: 'high',
      label: label('high', 2023),
      ranges: {
        [DF]: between(1 / 7, 1, 'Between once per day and once per week'),
        [LT]: between(DAY, 7 * DAY, 'Between one day and one week'),
        [CFR]: upTo(0.05, 0.1, '10%'),
        [FDRT]: lessThan(DAY, 'Less than one day'),
      },
    },
    {
      level: 'medium',
      label: label('medium', 2023),
      ranges: {
        [DF]: between(
          1 / 30,
          1 / 7,
          'Between once per week and once per month',
        ),
        [LT]: between(7 * DAY, MONTH, 'Between one week and one month'),
        [CFR]: upTo(0.1, 0.15, '15%'),
        [FDRT]: between(DAY, 7 * DAY, 'Between one day and one week'),
      },
    },
    {
      level: 'low',
      label: label('low', 2023),
      ranges: {
        // The 2023 table gives low the same throughput ranges as medium.
        [DF]: between(
          1 / 30,
          1 / 7,
          'Between once per week and once per month',
        ),
        [LT]: between(7 * DAY, MONTH, 'Between one week and one month'),
        [CFR]: upTo(0.15, 1, '64%'),
        [FDRT]: between(MONTH, 6 * MONTH, 'Between one month and six months'),
      },
    },
  ],
};

export const dora2024Benchmark: BenchmarkDefinition = {
  id: 'dora-2024',
  title: 'DORA 2024 software delivery performance levels',
  year: 2024,
  source: {
    title:
      'Accelerate State of DevOps Report 2024 (DORA, Google Cloud), software delivery performance levels',
    url: 'https://dora.dev/research/2024/dora-report/',
  },
  metrics: [DF, LT, CFR, FDRT],
  levels: [
    {
      level: 'elite',
      label: label('elite', 2024),
      ranges: {
        [DF]: onDemand,
        [LT]: lessThan(DAY, 'Less than one day'),
        [CFR]: upTo(0, 0.05, '5%'),
        [FDRT]: lessThan(HOUR, 'Less than one hour'),
      },
    },
    {
      level: 'high',
      label: label('high', 2024),
      ranges: {
        [DF]: between(1 / 7, 1, 'Between once per day and once per week'),
        [LT]: between(DAY, 7 * DAY, 'Between one day and one week'),
        // Higher than medium's 10 %: the 2024 levels are not monotonic here.
        [CFR]: upTo(0.1, 0.2, '20%'),
        [FDRT]: lessThan(DAY, 'Less than one day'),
      },
    },
    {
      level: 'medium',
      label: label('medium', 2024),
      ranges: {
        [DF]: between(
          1 / 30,
          1 / 7,
          'Between once per week and once per month',
        ),
        [LT]: between(7 * DAY, MONTH, 'Between one week and one month'),
        [CFR]: upTo(0.05, 0.1, '10%'),
        [FDRT]: lessThan(DAY, 'Less than one day'),
      },
    },
    {
      level: 'low',
      label: label('low', 2024),
      ranges: {
        [DF]: between(
          1 / (6 * 30),
          1 / 30,
          'Between once per month and once every six months',
        ),
        [LT]: between(MONTH, 6 * MONTH, 'Between one month and six months'),
        [CFR]: upTo(0.2, 1, '40%'),
        [FDRT]: between(7 * DAY, MONTH, 'Between one week and one month'),
      },
    },
  ],
};

/** Every ready-made benchmark, newest first. */
export const doraBenchmarks: readonly BenchmarkDefinition[] = [
  dora2024Benchmark,
  dora2023Benchmark,
];

/** A ready-made benchmark by id (`dora-2023`, `dora-2024`). */
export function findBenchmark(id: string): BenchmarkDefinition | undefined {
  return doraBenchmarks.find(b => b.id === id);
}
