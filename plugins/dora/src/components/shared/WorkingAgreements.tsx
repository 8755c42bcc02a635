import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DAY_MS,
  DEFAULT_SCORECARD_WINDOW,
  findScorecardMetric,
  GradedRuleResult,
  GradedRuleStatus,
  parseScorecardWindow,
  RuleResult,
  Scorecard,
  ThresholdSource,
} from '@dora-metrics/plugin-dora-common';
import { ScorecardEntry, ScorecardResultRecord } from '../../api/types';
import {
  capitalize,
  durationUnitFor,
  formatDurationIn,
  formatInstant,
  formatMetricValue,
  operatorText,
  plural,
  viewerTimeZone,
} from '../format';
import { RequestExemptionButton } from '../Exemptions/RequestExemptionButton';
import { useDoraPermissions } from './useDoraPermissions';
import { DownloadCsvButton } from './csv/DownloadCsvButton';
import {
  ruleResultCsvColumns,
  ruleResultCsvRows,
} from './csv/scorecardCsvColumns';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  countsFromText,
  ExemptionNoteText,
  LevelChip,
  StatusChip,
} from './Chips';

/** A rule's result as the evaluator gives it, or graded (stages and exemptions applied). */
export type AnyRuleResult = RuleResult | GradedRuleResult;

/** Whether a rule's owners may ask to be excused from it: it does not pass and is not exempt. */
export function mayRequestExemption(rule: GradedRuleResult): boolean {
  return (
    rule.status === 'fail' ||
    rule.status === 'warn' ||
    rule.status === 'no-data'
  );
}

const useStyles = makeStyles(theme => ({
  section: { marginBottom: theme.spacing(3) },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  levels: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(0, 0, 1, 0),
    padding: 0,
    listStyle: 'none',
  },
}));

/** Where a rule's threshold came from, in words. */
export function ThresholdSourceText(props: { source: ThresholdSource }) {
  const { source } = props;
  switch (source.kind) {
    case 'entity':
      return <>this entity (annotation)</>;
    case 'group':
      return (
        <>
          group{' '}
          <EntityRefLink entityRef={source.groupRef} defaultKind="group" />
        </>
      );
    case 'scorecard':
    default:
      return <>the scorecard</>;
  }
}

/**
 * A rule's value, threshold and warn threshold in one way of writing: a
 * duration rule's three in one unit (`30 h`, `≤ 24 h`), a ratio as `15 %`.
 */
export function ruleValues(rule: AnyRuleResult): {
  actual: string;
  threshold: string;
  warn: string | null;
} {
  const format =
    findScorecardMetric(rule.metric)?.unit === 'duration'
      ? (() => {
          const unit = durationUnitFor([
            rule.actual,
            rule.threshold,
            rule.warn,
          ]);
          return (v: number | null) => formatDurationIn(v, unit);
        })()
      : (v: number | null) => formatMetricValue(v, rule.metric);
  return {
    actual: format(rule.actual),
    threshold: format(rule.threshold),
    warn: rule.warn === null ? null : format(rule.warn),
  };
}

export function thresholdText(rule: AnyRuleResult): string {
  const op = operatorText[rule.operator];
  const { threshold, warn } = ruleValues(rule);
  const main = `${op} ${threshold}`;
  return warn ? `${main} (warn ${op} ${warn})` : main;
}

/** The page's window, as far as the evaluated-window line needs it. */
export interface PageWindow {
  /** Epoch milliseconds, `[from, to)`. */
  from: number;
  to: number;
  /** `custom` for a window of whole days picked by hand. */
  preset?: number | 'custom';
}

function windowText(days: number): string {
  return `the last ${plural(days, 'day')}`;
}

/**
 * When and over which window a result was evaluated: the scorecard's
 * window (`30d`, `4w`) ending at `evaluatedAt`. Next to it, the page's window
 * when it is not the same one.
 */
export function evaluatedText(
  evaluatedAt: number,
  scorecardWindow: string | undefined,
  pageWindow?: PageWindow,
): string {
  const timezone = viewerTimeZone();
  const days =
    parseScorecardWindow(scorecardWindow ?? DEFAULT_SCORECARD_WINDOW) ??
    parseScorecardWindow(DEFAULT_SCORECARD_WINDOW)!;
  const main = `Evaluated on ${windowText(days)} on ${formatInstant(evaluatedAt, timezone)}`;
  if (!pageWindow) return main;
  const pageDays = Math.round((pageWindow.to - pageWindow.from) / DAY_MS);
  const sameEnd = Math.abs(pageWindow.to - evaluatedAt) <= DAY_MS;
  if (pageDays === days && sameEnd && pageWindow.preset !== 'custom') {
    return main;
  }
  const page =
    pageWindow.preset === 'custom' || !sameEnd
      ? `${formatInstant(pageWindow.from, timezone)} to ${formatInstant(pageWindow.to, timezone)}`
      : windowText(pageDays);
  return `${main}; the page shows ${page}`;
}

/**
 * Why a rule has no data, for people: no value in the window, or too few
 * samples behind it for the rule's `minSampleSize` (from its scorecard).
 */
export function noDataReason(
  rule: AnyRuleResult,
  scorecard?: Pick<Scorecard, 'rules'>,
): string | undefined {
  if (rule.status !== 'no-data') return undefined;
  if (rule.actual === null) return 'no value in this window';
  const min = scorecard?.rules.find(r => r.id === rule.ruleId)?.minSampleSize;
  if (min !== undefined && (rule.sampleSize ?? 0) < min) {
    return `only ${rule.sampleSize ?? 0} in the window, the rule needs ${min}`;
  }
  return 'too few samples in this window';
}

/** How many rules of each status a result has, exempt ones apart. */
export function statusCounts(
  rules: ReadonlyArray<{ status: GradedRuleStatus }>,
): Record<GradedRuleStatus, number> {
  const counts: Record<GradedRuleStatus, number> = {
    pass: 0,
    warn: 0,
    fail: 0,
    'no-data': 0,
    exempt: 0,
  };
  for (const rule of rules) counts[rule.status]++;
  return counts;
}

/** A rule's actual value, its sample and why it has no data. */
function ActualCell(props: {
  rule: GradedRuleResult;
  scorecard?: Pick<Scorecard, 'rules'>;
}) {
  const { rule, scorecard } = props;
  return (
    <TableCell>
      {ruleValues(rule).actual}
      {rule.sampleSize !== null && (
        <Typography variant="caption" color="textSecondary" component="div">
          sample {rule.sampleSize}
        </Typography>
      )}
      {rule.evaluatedStatus === 'no-data' && (
        <Typography variant="caption" color="textSecondary" component="div">
          No data: {noDataReason({ ...rule, status: 'no-data' }, scorecard)}
        </Typography>
      )}
    </TableCell>
  );
}

/** Who may ask for an exemption here, and for which service. */
export interface ExemptionAction {
  canRequest: boolean;
  entityRef: string;
  ownerRef?: string;
}

/**
 * A rule's result: its chip, why it is exempt, or the way to ask. `would`:
 * an announced rule's result ("would pass"), which does not count yet.
 */
function ResultCell(props: {
  rule: GradedRuleResult;
  scorecardId: string;
  action?: ExemptionAction;
  timezone: string;
  would?: boolean;
}) {
  const { rule, scorecardId, action, timezone, would } = props;
  return (
    <TableCell>
      <StatusChip status={rule.status} would={would} />
      {rule.exemption && (
        <Typography variant="caption" component="div">
          <ExemptionNoteText
            exemption={rule.exemption}
            evaluatedStatus={would ? undefined : rule.evaluatedStatus}
            timezone={timezone}
          />
        </Typography>
      )}
      {action?.canRequest && mayRequestExemption(rule) && (
        <RequestExemptionButton
          target={{
            scorecardId,
            ruleId: rule.ruleId,
            ruleTitle: rule.title,
            entityRef: action.entityRef,
          }}
          ownerRef={action.ownerRef}
        />
      )}
    </TableCell>
  );
}

/**
 * Announced rules: their result now ("would pass") and the day they start
 * to count; they are not part of the level.
 */
function AnnouncedRules(props: {
  rules: GradedRuleResult[];
  title: string;
  scorecardId: string;
  scorecard?: Pick<Scorecard, 'rules'>;
  action?: ExemptionAction;
  timezone: string;
}) {
  const { rules, title, scorecardId, scorecard, action, timezone } = props;
  const headingId = `dora-announced-${scorecardId}`;
  return (
    <Box mt={2} component="section" aria-labelledby={headingId}>
      <Typography variant="subtitle2" component="h4" id={headingId}>
        Announced rules: shown with their result, not counted in the level yet
      </Typography>
      <Table size="small" aria-label={`${title}: announced rules`}>
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Level</TableCell>
            <TableCell>Counts from</TableCell>
            <TableCell>Result now</TableCell>
            <TableCell>Actual</TableCell>
            <TableCell>Threshold</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map(rule => (
            <TableRow key={rule.ruleId}>
              <TableCell>{rule.title}</TableCell>
              <TableCell>{capitalize(rule.level)}</TableCell>
              <TableCell>{countsFromText(rule.activeFrom, timezone)}</TableCell>
              <ResultCell
                rule={rule}
                scorecardId={scorecardId}
                action={action}
                timezone={timezone}
                would
              />
              <ActualCell rule={rule} scorecard={scorecard} />
              <TableCell>{thresholdText(rule)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** One scorecard's result for one entity: each rule, its value, threshold and source, and the level. */
export function ScorecardResultView(props: {
  record: ScorecardResultRecord;
  title: string;
  description?: string;
  scorecard?: Pick<Scorecard, 'rules'> & Partial<Pick<Scorecard, 'window'>>;
  /** The page's window, to say when the evaluation's differs from it. */
  pageWindow?: PageWindow;
  /** Offers "Request exemption" on rules that do not pass. */
  exemptionAction?: ExemptionAction;
}) {
  const classes = useStyles();
  const { record, title, description, scorecard, pageWindow } = props;
  const action = props.exemptionAction;
  const { result } = record;
  const headingId = `dora-scorecard-${record.scorecardId}`;
  const timezone = viewerTimeZone();
  return (
    <section className={classes.section} aria-labelledby={headingId}>
      <Box className={classes.heading}>
        <Typography variant="h6" component="h3" id={headingId}>
          {title}
        </Typography>
        <Typography variant="body2" component="span">
          Level reached:
        </Typography>
        <LevelChip level={result.level} />
      </Box>
      {description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {description}
        </Typography>
      )}
      <ul className={classes.levels} aria-label="Levels">
        {result.levels.map(level => (
          <li key={level.level}>
            <Typography variant="body2">
              {level.achieved ? '✓' : '✗'} {capitalize(level.level)}:{' '}
              {level.achieved ? 'reached' : 'not reached'}
            </Typography>
          </li>
        ))}
      </ul>
      <Table size="small" aria-label={`${title}: rules`}>
        <TableHead>
          <TableRow>
            <TableCell>Rule</TableCell>
            <TableCell>Level</TableCell>
            <TableCell>Result</TableCell>
            <TableCell>Actual</TableCell>
            <TableCell>Threshold</TableCell>
            <TableCell>Threshold from</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.rules.map(rule => (
            <TableRow key={rule.ruleId}>
              <TableCell>{rule.title}</TableCell>
              <TableCell>{capitalize(rule.level)}</TableCell>
              <ResultCell
                rule={rule}
                scorecardId={record.scorecardId}
                action={action}
                timezone={timezone}
              />
              <ActualCell rule={rule} scorecard={scorecard} />
              <TableCell>{thresholdText(rule)}</TableCell>
              <TableCell>
                <ThresholdSourceText source={rule.source} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {result.announced.length > 0 && (
        <AnnouncedRules
          rules={result.announced}
          title={title}
          scorecardId={record.scorecardId}
          scorecard={scorecard}
          action={action}
          timezone={timezone}
        />
      )}
      {result.problems && result.problems.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          Overrides ignored: {result.problems.join('; ')}
        </Alert>
      )}
      <Typography variant="caption" color="textSecondary">
        {evaluatedText(record.evaluatedAt, scorecard?.window, pageWindow)}
      </Typography>
      <DownloadCsvButton
        what={`${title} rules`}
        subject={parseEntityRef(record.entityRef).name}
        columns={ruleResultCsvColumns}
        rows={ruleResultCsvRows(record)}
      />
    </section>
  );
}

/** Every scorecard result of an entity, titled by its scorecard. */
export function WorkingAgreements(props: {
  records: ScorecardResultRecord[];
  scorecards: ScorecardEntry[];
  /** The page's window, to say when the evaluation's differs from it. */
  pageWindow?: PageWindow;
  /** The service's owner team, for an exemption for the team (else read from the catalog). */
  ownerRef?: string;
}) {
  const { records, scorecards, pageWindow, ownerRef } = props;
  const { canRequestExemption: canRequest } = useDoraPermissions();
  if (records.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No scorecard grades this service yet (or it has not been evaluated).
      </Typography>
    );
  }
  return (
    <>
      {records.map(record => {
        const entry = scorecards.find(
          s => s.scorecard.id === record.scorecardId,
        );
        return (
          <ScorecardResultView
            key={record.scorecardId}
            record={record}
            title={entry?.scorecard.title ?? record.scorecardId}
            description={entry?.scorecard.description}
            scorecard={entry?.scorecard}
            pageWindow={pageWindow}
            exemptionAction={{
              canRequest,
              entityRef: record.entityRef,
              ownerRef,
            }}
          />
        );
      })}
    </>
  );
}

/**
 * A service's rules that do not pass, compact (exempt ones with why and
 * until when), then its announced rules apart with the day they count from.
 */
export function RulesNotPassing(props: { record: ScorecardResultRecord }) {
  const { rules, announced } = props.record.result;
  const timezone = viewerTimeZone();
  const open = rules.filter(x => x.status !== 'pass');
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 4 }}>
      {open.length === 0 && <Typography variant="body2">All pass</Typography>}
      {open.map(rule => (
        <Box key={rule.ruleId}>
          <Box display="flex" alignItems="center" style={{ gap: 4 }}>
            <StatusChip status={rule.status} />
            <Typography variant="body2">
              {rule.title} ({capitalize(rule.level)})
            </Typography>
          </Box>
          {rule.exemption && (
            <Typography variant="caption" component="div">
              <ExemptionNoteText
                exemption={rule.exemption}
                timezone={timezone}
              />
            </Typography>
          )}
        </Box>
      ))}
      {announced.map(rule => (
        <Box
          key={rule.ruleId}
          display="flex"
          alignItems="center"
          style={{ gap: 4 }}
        >
          <StatusChip status={rule.status} would />
          <Typography variant="body2">
            {rule.title} ({capitalize(rule.level)}):{' '}
            {countsFromText(rule.activeFrom, timezone)}, not in the level
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
