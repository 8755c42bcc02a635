import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link } from '@backstage/core-components';
import {
  BenchmarkDefinition,
  dora2023Benchmark,
  dora2024Benchmark,
  MetricsBody,
} from '@dora-metrics/plugin-dora-common';
import { ReportLevelView, reportLevelView } from './reportLevelText';

const useStyles = makeStyles(theme => ({
  elite: { backgroundColor: '#1b5e20', color: '#fff' },
  high: { backgroundColor: '#558b2f', color: '#fff' },
  medium: { backgroundColor: '#f9a825', color: '#000' },
  low: { backgroundColor: '#c62828', color: '#fff' },
  none: { color: theme.palette.text.secondary },
  dot: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 5,
    marginRight: theme.spacing(1),
  },
}));

type Classes = ReturnType<typeof useStyles>;

const colourOf = (classes: Classes, level: string | null) =>
  (classes as Record<string, string>)[level ?? 'none'] ?? classes.none;

function YearLevels(props: { view: ReportLevelView }) {
  const classes = useStyles();
  const { view } = props;
  const headingId = `dora-report-${view.year}`;
  return (
    <Box component="section" mb={2} aria-labelledby={headingId}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Chip
          id={headingId}
          size="small"
          label={view.badge}
          className={colourOf(classes, view.level)}
          variant={view.level ? 'default' : 'outlined'}
        />
        <Typography variant="body2">{view.summary}</Typography>
      </Box>
      <Box component="ul" mt={1} mb={0} pl={2}>
        {view.metrics.map(m => (
          <Typography component="li" variant="body2" key={m.metric}>
            <span
              aria-hidden
              className={`${classes.dot} ${colourOf(classes, m.level)}`}
            />
            {m.text}
          </Typography>
        ))}
      </Box>
      <Typography variant="caption">
        Source: <Link to={view.source.url}>{view.source.title}</Link>
      </Typography>
    </Box>
  );
}

export interface ReportLevelsProps {
  /** The metrics body the page already has (a service's or a team's). */
  metrics: MetricsBody;
  /** Newest first; the DORA 2024 and 2023 reports by default. */
  benchmarks?: readonly BenchmarkDefinition[];
}

/**
 * Where the window's metrics stand in each DORA report's performance levels,
 * year by year, computed in the browser from the body shown.
 */
export function ReportLevels(props: ReportLevelsProps) {
  const benchmarks = props.benchmarks ?? [dora2024Benchmark, dora2023Benchmark];
  return (
    <InfoCard
      title="DORA report levels"
      subheader="The window's metrics on each report year's performance levels; the levels change every year"
    >
      {benchmarks.map(b => (
        <YearLevels key={b.id} view={reportLevelView(b, props.metrics)} />
      ))}
    </InfoCard>
  );
}
