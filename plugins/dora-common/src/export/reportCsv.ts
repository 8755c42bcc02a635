import type { GroupReport } from '../api/movers';
import { complianceRuleRows } from './complianceCsv';
import { objectsToCsv } from './csv';
import { moverCsvRows } from './moversCsv';

/** The sections of a quarterly report's CSV, in the order they come. */
export const reportCsvSections = [
  'team',
  'subTeam',
  'service',
  'mover',
  'compliance',
] as const;
export type ReportCsvSection = (typeof reportCsvSections)[number];

/**
 * A group's quarterly report as the rows of one table: `section` says what a
 * row is, `ref` whose it is (the group, a sub-team, a service, a mover's
 * team or service; empty for compliance rows, which are the group's), and
 * the other fields are flattened (`leadTime.median`). The team row carries
 * the report's `generatedAt`.
 */
export function reportCsvRows(
  report: GroupReport,
): Array<Record<string, unknown> & { section: ReportCsvSection }> {
  const { groupRef, title, generatedAt, team } = report;
  return [
    { section: 'team' as const, ref: groupRef, title, generatedAt, ...team },
    ...report.subTeams.map(({ groupRef: ref, title: name, ...row }) => ({
      section: 'subTeam' as const,
      ref,
      title: name,
      ...row,
    })),
    ...report.services.map(({ entityRef, ...row }) => ({
      section: 'service' as const,
      ref: entityRef,
      ...row,
    })),
    ...moverCsvRows(report.movers).map(row => ({
      section: 'mover' as const,
      ...row,
    })),
    ...report.compliance.flatMap(complianceRuleRows).map(row => ({
      section: 'compliance' as const,
      ...row,
    })),
  ];
}

/** A group's quarterly report as one CSV table (see `reportCsvRows`). */
export function reportToCsv(report: GroupReport): string {
  return objectsToCsv(reportCsvRows(report));
}
