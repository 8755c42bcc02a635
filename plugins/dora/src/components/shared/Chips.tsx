import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { Band, RuleStatus } from '@dora-metrics/plugin-dora-common';
import { bandLabel, capitalize, statusLabel } from '../format';

const useStyles = makeStyles(theme => ({
  elite: { backgroundColor: '#1b5e20', color: '#fff' },
  high: { backgroundColor: '#558b2f', color: '#fff' },
  medium: { backgroundColor: '#f9a825', color: '#000' },
  low: { backgroundColor: '#c62828', color: '#fff' },
  none: { color: theme.palette.text.secondary },
  pass: { backgroundColor: '#2e7d32', color: '#fff' },
  warn: { backgroundColor: '#f9a825', color: '#000' },
  fail: { backgroundColor: '#c62828', color: '#fff' },
  level: { fontWeight: 600 },
}));

/** A performance band as a coloured chip that always names the band. */
export function BandChip(props: {
  band: Band | null | undefined;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const { band, size = 'small' } = props;
  if (!band) {
    return (
      <Chip
        size={size}
        variant="outlined"
        className={classes.none}
        label="No band"
      />
    );
  }
  return (
    <Chip
      size={size}
      className={classes[band]}
      label={bandLabel[band]}
      aria-label={`Band: ${bandLabel[band]}`}
    />
  );
}

/** A rule's result as a chip that names it: Pass, Warn, Fail or No data. */
export function StatusChip(props: { status: RuleStatus }) {
  const classes = useStyles();
  const { status } = props;
  if (status === 'no-data') {
    return (
      <Chip
        size="small"
        variant="outlined"
        className={classes.none}
        label={statusLabel[status]}
      />
    );
  }
  return (
    <Chip
      size="small"
      className={classes[status]}
      label={statusLabel[status]}
    />
  );
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
