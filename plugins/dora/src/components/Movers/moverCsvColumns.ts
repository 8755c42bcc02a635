import { CsvColumn } from '@dora-metrics/plugin-dora-common';

type MoverCsvRow = Record<string, unknown>;

/**
 * The columns of the movers download, over `moverCsvRows` (one row per team
 * or service × metric): the same table `GET /v1/movers?format=csv` answers,
 * in reading order.
 */
export const moverCsvColumns: CsvColumn<MoverCsvRow>[] = [
  'kind',
  'ref',
  'title',
  'metric',
  'change',
  'unit',
  'direction',
  'previous',
  'current',
  'previousSample',
  'currentSample',
  'previousBand',
  'currentBand',
  'smallSample',
].map(header => ({ header, value: row => row[header] }));
