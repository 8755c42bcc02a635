import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { cloneElement, ReactElement, useState } from 'react';
import {
  Band,
  GradedRuleStatus,
  RuleExemptionNote,
  RuleStatus,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { bandLabel, capitalize, statusLabel } from '../format';
import { bandLimitsText } from './bandLimits';
import { Caveat } from './caveats';
import { TileKind } from './metricDocs';

const useStyles = makeStyles(theme => ({
  elite: { backgroundColor: '#1b5e20', color: '#fff' },
  high: { backgroundColor: '#558b2f', color: '#fff' },
  medium: { backgroundColor: '#f9a825', color: '#000' },
  low: { backgroundColor: '#c62828', color: '#fff' },
  none: { color: theme.palette.text.secondary },
  pass: { backgroundColor: '#2e7d32', color: '#fff' },
  warn: { backgroundColor: '#f9a825', color: '#000' },
  fail: { backgroundColor: '#c62828', color: '#fff' },
  // Neither pass nor fail: outlined, and named in text.
  exempt: { borderColor: '#1565c0', color: '#1565c0', borderStyle: 'dashed' },
  level: { fontWeight: 600 },
  caveats: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
}));

/**
 * A tooltip that opens on hover and on any focus: MUI's opens on keyboard
 * focus only when it can tell the focus came from a keyboard.
 */
function ChipTooltip(props: { title: string; children: ReactElement }) {
  const [open, setOpen] = useState(false);
  return (
    <Tooltip
      title={props.title}
      arrow
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
    >
      {cloneElement(props.children, {
        onFocus: () => setOpen(true),
        onBlur: () => setOpen(false),
      })}
    </Tooltip>
  );
}

/** What a band chip's tooltip says: the band, its limits and their report. */
export function bandTooltip(
  band: Band | null | undefined,
  metric: TileKind | undefined,
  notRated?: string,
): string {
  if (notRated) return `Not rated: ${notRated}.`;
  const limits = metric
    ? ` ${bandLimitsText(metric)}`
    : ' Bands follow the DORA 2023 report (Accelerate State of DevOps).';
  if (!band) return `No band: no value in this window.${limits}`;
  return `${bandLabel[band]}.${limits}`;
}

/**
 * A performance band as a coloured chip that always names the band, with
 * the band limits and their report on hover and focus. `notRated` withholds
 * the band of a number the page doubts and says why.
 */
export function BandChip(props: {
  band: Band | null | undefined;
  /** Which metric's limits the tooltip lists. */
  metric?: TileKind;
  notRated?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { band, metric, notRated, size = 'small' } = props;
  const tooltip = bandTooltip(band, metric, notRated);
  let chip;
  if (notRated) {
    chip = (
      <Chip
        size={size}
        variant="outlined"
        className={classes.none}
        label="Not rated"
        tabIndex={0}
        aria-label={`Not rated: ${notRated}`}
      />
    );
  } else if (!band) {
    chip = (
      <Chip
        size={size}
        variant="outlined"
        className={classes.none}
        label="No band"
        tabIndex={0}
      />
    );
  } else {
    chip = (
      <Chip
        size={size}
        className={classes[band]}
        label={bandLabel[band]}
        tabIndex={0}
        aria-label={`Band: ${bandLabel[band]}`}
      />
    );
  }
  return <ChipTooltip title={tooltip}>{chip}</ChipTooltip>;
}

/** A row's caveats as outlined chips that name them, the reason on hover and focus. */
export function CaveatChips(props: { caveats: Caveat[] }) {
  const classes = useStyles();
  if (props.caveats.length === 0) return null;
  return (
    <span className={classes.caveats}>
      {props.caveats.map(caveat => (
        <ChipTooltip key={caveat.kind} title={caveat.detail}>
          <Chip
            size="small"
            variant="outlined"
            label={caveat.label}
            tabIndex={0}
          />
        </ChipTooltip>
      ))}
    </span>
  );
}

/** A rule's result in words, `exempt` included. */
export function gradedStatusLabel(status: GradedRuleStatus): string {
  return status === 'exempt' ? 'Exempt' : statusLabel[status];
}

/**
 * A rule's result as a chip that names it: Pass, Warn, Fail, No data, or
 * Exempt (an approved exemption: neither a pass nor a fail). `would` names
 * the result of a rule that does not count yet ("Would pass").
 */
export function StatusChip(props: {
  status: GradedRuleStatus;
  would?: boolean;
}) {
  const classes = useStyles();
  const { status, would } = props;
  const text = gradedStatusLabel(status);
  // "Would pass", but no data is no data whether the rule counts or not.
  const label =
    would && (status === 'pass' || status === 'warn' || status === 'fail')
      ? `Would ${text.toLocaleLowerCase('en-US')}`
      : text;
  if (status === 'no-data' || status === 'exempt' || would) {
    return (
      <Chip
        size="small"
        variant="outlined"
        className={classes[status === 'no-data' ? 'none' : status]}
        label={label}
      />
    );
  }
  return <Chip size="small" className={classes[status]} label={label} />;
}

/** An ISO-8601 instant as a day in the viewer's timezone: `Jun 30, 2026`. */
export function formatDay(iso: string, timezone: string): string {
  const day = DateTime.fromISO(iso, { zone: timezone });
  return day.isValid ? day.toFormat('LLL d, yyyy') : iso;
}

/** How long an exemption lasts: `until Jun 30, 2026`, or `no expiry`. */
export function exemptionUntilText(
  expiresAt: string | null,
  timezone: string,
): string {
  return expiresAt === null
    ? 'no expiry'
    : `until ${formatDay(expiresAt, timezone)}`;
}

/** Why a rule is exempt and until when, next to its Exempt chip. */
export function ExemptionNoteText(props: {
  exemption: RuleExemptionNote;
  /** What the metrics said before the exemption. */
  evaluatedStatus?: RuleStatus;
  timezone: string;
}) {
  const { exemption, evaluatedStatus, timezone } = props;
  const evaluated = evaluatedStatus
    ? ` (evaluated: ${statusLabel[evaluatedStatus].toLocaleLowerCase('en-US')})`
    : '';
  return (
    <>
      Exempt: {exemption.reason},{' '}
      {exemptionUntilText(exemption.expiresAt, timezone)}
      {evaluated}
    </>
  );
}

/** When an announced rule starts to count: `Counts from Jun 1, 2026`. */
export function countsFromText(
  activeFrom: string | null,
  timezone: string,
): string {
  return activeFrom === null
    ? 'Counts from a date not set yet'
    : `Counts from ${formatDay(activeFrom, timezone)}`;
}

/** The level a service reached, or that it reached none. */
export function LevelChip(props: { level: string | null | undefined }) {
  const classes = useStyles();
  const { level } = props;
  if (!level) {
    return (
      <Chip
        size="small"
        variant="outlined"
        className={classes.none}
        label="No level"
      />
    );
  }
  return (
    <Chip
      size="small"
      color="primary"
      className={classes.level}
      label={capitalize(level)}
    />
  );
}
