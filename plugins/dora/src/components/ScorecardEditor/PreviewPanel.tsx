import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  findScorecardMetric,
  ScorecardPreview,
  thresholdToText,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { plural } from '../format';

const DIRECTION_TEXT: Record<string, string> = {
  up: '↑ up',
  down: '↓ down',
  new: '+ new',
  gone: '− gone',
};

const weekLabel = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'UTC' }).toFormat('LLL d');

/** The draft's rules by id, to name them and write their thresholds. */
export type PreviewRules = Record<string, { title: string; metric: string }>;

function thresholdText(value: number, metricPath: string | undefined) {
  const metric = metricPath ? findScorecardMetric(metricPath) : undefined;
  return metric ? thresholdToText(value, metric) : String(value);
}

/** A preview's weeks, level changes, overrides and problems, all as text. */
export function PreviewPanel(props: {
  preview: ScorecardPreview;
  levels: string[];
  rules: PreviewRules;
}) {
  const { preview, levels, rules } = props;
  const titleOf = (id: string) => rules[id]?.title || id;
  const ruleIds = [
    ...new Set(preview.weeks.flatMap(w => w.rules.map(r => r.ruleId))),
  ];
  return (
    <Box data-testid="scorecard-preview" mt={2}>
      <Typography variant="h6" component="h3">
        Preview: {plural(preview.weeks.length, 'week')}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Took {preview.tookMs} ms ·{' '}
        {preview.currentVersion === null
          ? 'compared with nothing saved yet'
          : `compared with saved version ${preview.currentVersion}`}
      </Typography>

      <Box overflow="auto">
        <Table size="small" aria-label="Preview per week">
          <TableHead>
            <TableRow>
              <TableCell>Week ending</TableCell>
              <TableCell>Entities</TableCell>
              {levels.map(level => (
                <TableCell key={level}>Reach {level}</TableCell>
              ))}
              <TableCell>No level</TableCell>
              {ruleIds.map(id => (
                <TableCell key={id}>
                  {titleOf(id)}
                  <br />
                  <Typography variant="caption">
                    pass · warn · fail · no data · exempt
                  </Typography>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.weeks.map(week => (
              <TableRow key={week.to}>
                <TableCell>{weekLabel(week.to)}</TableCell>
                <TableCell>{week.entities}</TableCell>
                {levels.map(level => (
                  <TableCell key={level}>
                    {week.levels.find(l => l.level === level)?.reached ?? 0}
                  </TableCell>
                ))}
                <TableCell>{week.noLevel}</TableCell>
                {ruleIds.map(id => {
                  const r = week.rules.find(x => x.ruleId === id);
                  return (
                    <TableCell key={id}>
                      {r
                        ? `${r.pass} · ${r.warn} · ${r.fail} · ${r.noData} · ${r.exempt}`
                        : 'not active'}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>

      <Typography variant="subtitle1" component="h4" style={{ marginTop: 16 }}>
        Level changes against the saved version
      </Typography>
      {preview.levelChanges.length === 0 ? (
        <Typography variant="body2">No entity changes level.</Typography>
      ) : (
        <Table size="small" aria-label="Level changes">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Saved</TableCell>
              <TableCell>Draft</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.levelChanges.map(change => (
              <TableRow key={change.entityRef}>
                <TableCell>{change.entityRef}</TableCell>
                <TableCell>{DIRECTION_TEXT[change.direction]}</TableCell>
                <TableCell>{change.current ?? 'no level'}</TableCell>
                <TableCell>{change.draft ?? 'no level'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {preview.overrides.length > 0 && (
        <>
          <Typography
            variant="subtitle1"
            component="h4"
            style={{ marginTop: 16 }}
          >
            Overrides
          </Typography>
          <Table size="small" aria-label="Overrides">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Rule</TableCell>
                <TableCell>From</TableCell>
                <TableCell>Threshold (default)</TableCell>
                <TableCell>Result (without override)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.overrides.map(o => (
                <TableRow key={`${o.entityRef}/${o.ruleId}`}>
                  <TableCell>{o.entityRef}</TableCell>
                  <TableCell>{titleOf(o.ruleId)}</TableCell>
                  <TableCell>
                    {o.source === 'group' ? o.groupRef : 'entity annotation'}
                  </TableCell>
                  <TableCell>
                    {thresholdText(o.threshold, rules[o.ruleId]?.metric)} (
                    {thresholdText(o.defaultThreshold, rules[o.ruleId]?.metric)}
                    )
                  </TableCell>
                  <TableCell>
                    {o.status} ({o.statusWithoutOverride})
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}

      {preview.problems.length > 0 && (
        <Alert severity="warning" style={{ marginTop: 16 }}>
          {preview.problems.map(p => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
    </Box>
  );
}
