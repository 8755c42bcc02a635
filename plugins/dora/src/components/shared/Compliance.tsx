import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { GradedRuleCompliance } from '@dora-metrics/plugin-dora-common';
import { ScorecardCompliance, ScorecardEntry } from '../../api/types';
import { capitalize, formatPercent, plural, viewerTimeZone } from '../format';
import { countsFromText } from './Chips';
import { ScrollTable } from './ScrollTable';
import { DownloadCsvButton } from './csv/DownloadCsvButton';
import {
  complianceCsvColumns,
  complianceCsvRows,
} from './csv/scorecardCsvColumns';

/** A share as a bar and its number, so the bar is never the only signal. */
export function ShareBar(props: { share: number | null; label: string }) {
  const { share, label } = props;
  if (share === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        No service graded
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8, minWidth: 140 }}>
      <Box flexGrow={1}>
        <LinearProgress
          variant="determinate"
          value={share * 100}
          aria-label={label}
        />
      </Box>
      <Typography variant="body2">{formatPercent(share)}</Typography>
    </Box>
  );
}

/** Per rule its counts; `announced` rules say when they count and what they would give. */
function RuleComplianceTable(props: {
  rules: GradedRuleCompliance[];
  label: string;
  announced?: boolean;
}) {
  const { rules, label, announced } = props;
  const timezone = viewerTimeZone();
  const would = (text: string) =>
    announced ? `Would ${text}` : capitalize(text);
  return (
    <ScrollTable>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Level</TableCell>
            {announced && <TableCell>Counts from</TableCell>}
            <TableCell align="right">{would('pass')}</TableCell>
            <TableCell align="right">{would('warn')}</TableCell>
            <TableCell align="right">{would('fail')}</TableCell>
            <TableCell align="right">No data</TableCell>
            <TableCell align="right">Exempt</TableCell>
            <TableCell>
              {announced ? 'Would-be pass rate' : 'Pass rate (pass or warn)'}{' '}
              (exempt left out)
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map(rule => (
            <TableRow key={rule.ruleId}>
              <TableCell>{rule.title}</TableCell>
              <TableCell>{capitalize(rule.level)}</TableCell>
              {announced && (
                <TableCell>
                  {countsFromText(rule.activeFrom, timezone)}
                </TableCell>
              )}
              <TableCell align="right">{rule.pass}</TableCell>
              <TableCell align="right">{rule.warn}</TableCell>
              <TableCell align="right">{rule.fail}</TableCell>
              <TableCell align="right">{rule.noData}</TableCell>
              <TableCell align="right">{`${rule.exempt} exempt`}</TableCell>
              <TableCell>
                <ShareBar
                  share={rule.passRate}
                  label={`${rule.title}: ${announced ? 'would-be pass rate' : 'pass rate'}`}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollTable>
  );
}

/**
 * Per level how many services reach it, and per rule its pass, warn, fail,
 * no-data and exempt counts; announced rules apart, as they would count.
 */
export function ComplianceView(props: {
  compliance: ScorecardCompliance;
  title: string;
}) {
  const { compliance, title } = props;
  return (
    <Box mb={2}>
      <Typography variant="body2" paragraph>
        {plural(compliance.entities, 'service')} graded.{' '}
        {compliance.levels
          .map(
            level =>
              `${capitalize(level.level)}: ${level.reached} of ${
                compliance.entities
              } reached`,
          )
          .join('; ')}
        .
      </Typography>
      <RuleComplianceTable
        rules={compliance.rules}
        label={`${title}: compliance per rule`}
      />
      {compliance.announced.length > 0 && (
        <Box
          mt={2}
          component="section"
          aria-label={`${title}: announced rules`}
        >
          <Typography variant="subtitle2" component="h4">
            Announced rules: not counted in levels yet
          </Typography>
          <RuleComplianceTable
            rules={compliance.announced}
            label={`${title}: announced rules, not counted yet`}
            announced
          />
        </Box>
      )}
      <DownloadCsvButton
        what={`${title} compliance`}
        subject={
          compliance.groupRef
            ? parseEntityRef(compliance.groupRef).name
            : undefined
        }
        columns={complianceCsvColumns}
        rows={complianceCsvRows(compliance)}
      />
    </Box>
  );
}

/**
 * Every scorecard's compliance, for a team or (without `groupRef`) everyone,
 * in one request. The scorecards come from the caller, who has already read
 * them; a scorecard the answer lacks (added meanwhile) is left out.
 */
export function ScorecardsCompliance(props: {
  groupRef?: string;
  scorecards: ScorecardEntry[];
}) {
  const { groupRef, scorecards } = props;
  const { value, loading, error } = useScorecardsCompliance(groupRef);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const shown = withCompliance(scorecards, value ?? []);
  if (shown.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No scorecard is defined. Add one under dora.scorecards in app-config or
        with POST /api/dora/v1/scorecards.
      </Typography>
    );
  }
  return (
    <>
      {shown.map(({ entry, compliance }) => (
        <section key={entry.scorecard.id} aria-label={entry.scorecard.title}>
          <Typography variant="subtitle1" component="h3">
            {entry.scorecard.title}
          </Typography>
          <ComplianceView
            compliance={compliance}
            title={entry.scorecard.title}
          />
        </section>
      ))}
    </>
  );
}

/** Every scorecard's compliance for a team or everyone: one request. */
export function useScorecardsCompliance(groupRef?: string) {
  const api = useApi(doraApiRef);
  return useAsync(
    () => api.getScorecardsCompliance({ groupRef }),
    [api, groupRef],
  );
}

/** Each scorecard with its compliance, in the scorecards' order. */
export function withCompliance(
  scorecards: ScorecardEntry[],
  compliances: ScorecardCompliance[],
): Array<{ entry: ScorecardEntry; compliance: ScorecardCompliance }> {
  const byId = new Map(compliances.map(c => [c.scorecardId, c]));
  return scorecards.flatMap(entry => {
    const compliance = byId.get(entry.scorecard.id);
    return compliance ? [{ entry, compliance }] : [];
  });
}
