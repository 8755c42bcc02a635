import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { scorecardOperators } from '@dora-metrics/plugin-dora-common';
import { operatorText } from '../format';
import {
  choiceOf,
  metricChoices,
  RuleDraft,
  thresholdReadBack,
  unitLabel,
} from './draft';

export interface RuleRowProps {
  index: number;
  rule: RuleDraft;
  levels: string[];
  /** Field key (`rules[1].threshold`) → the API's messages. */
  problems: Map<string, string[]>;
  readOnly: boolean;
  onChange: (rule: RuleDraft) => void;
  onRemove?: () => void;
}

/** The API's message for a field without its path, or the hint when there is none. */
export function fieldHelp(
  problems: Map<string, string[]>,
  field: string,
  hint?: string,
): { error: boolean; helperText?: string } {
  const messages = problems.get(field);
  if (!messages?.length) return { error: false, helperText: hint };
  return { error: true, helperText: messages.join('; ') };
}

/** One rule of the editor: a catalog metric with its unit and aggregate, a comparison, thresholds and a level. */
export function RuleRow(props: RuleRowProps) {
  const { index, rule, levels, problems, readOnly, onChange, onRemove } = props;
  const at = (field: string) => `rules[${index}].${field}`;
  const set = (patch: Partial<RuleDraft>) => onChange({ ...rule, ...patch });
  const { choice, aggregate } = choiceOf(rule.metric);
  const label = (field: string) => `Rule ${index + 1} ${field}`;
  const symbol = operatorText[rule.operator] ?? rule.operator;
  const readBack = (text: string) => {
    const reading = thresholdReadBack(text, rule.metric, symbol);
    return reading ? `Reads as ${reading}` : undefined;
  };
  const common = {
    fullWidth: true,
    disabled: readOnly,
    size: 'small',
  } as const;
  const ruleProblems = problems.get(`rules[${index}]`);

  return (
    <Paper variant="outlined" data-testid={`rule-row-${index}`}>
      <Box p={2}>
        <Box display="flex" alignItems="center" mb={1}>
          <Typography variant="subtitle1" component="h4" style={{ flex: 1 }}>
            Rule {index + 1}
            {rule.title ? `: ${rule.title}` : ''}
          </Typography>
          {onRemove && !readOnly && (
            <Button size="small" onClick={onRemove}>
              Remove rule {index + 1}
            </Button>
          )}
        </Box>
        {ruleProblems && (
          <Typography color="error" variant="body2" role="alert">
            {ruleProblems.join('; ')}
          </Typography>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} sm={4}>
            <TextField
              {...common}
              id={`rule-${index}-id`}
              label={label('id')}
              value={rule.id}
              onChange={e => set({ id: e.target.value })}
              {...fieldHelp(problems, at('id'), 'e.g. lead-time-gold')}
            />
          </Grid>
          <Grid item xs={12} sm={8}>
            <TextField
              {...common}
              id={`rule-${index}-title`}
              label={label('title')}
              value={rule.title}
              onChange={e => set({ title: e.target.value })}
              {...fieldHelp(problems, at('title'))}
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              {...common}
              select
              id={`rule-${index}-metric`}
              label={label('metric')}
              value={choice?.measure ?? ''}
              onChange={e => {
                const next = metricChoices.find(
                  c => c.measure === e.target.value,
                )!;
                const keep = next.aggregates.find(
                  a => a.aggregate === aggregate,
                );
                set({
                  metric:
                    keep?.path ?? next.aggregates[0]?.path ?? next.measure,
                });
              }}
              {...fieldHelp(
                problems,
                at('metric'),
                choice ? `Unit: ${unitLabel[choice.unit]}` : undefined,
              )}
            >
              {metricChoices.map(c => (
                <MenuItem key={c.measure} value={c.measure}>
                  {c.title}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={6} sm={3}>
            <TextField
              {...common}
              select
              id={`rule-${index}-aggregate`}
              label={label('aggregate')}
              value={aggregate ?? ''}
              disabled={readOnly || !choice?.aggregates.length}
              onChange={e =>
                set({
                  metric: choice!.aggregates.find(
                    a => a.aggregate === e.target.value,
                  )!.path,
                })
              }
              helperText={choice?.aggregates.length ? undefined : 'None'}
            >
              {(choice?.aggregates ?? []).map(a => (
                <MenuItem key={a.aggregate} value={a.aggregate}>
                  {a.aggregate}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={6} sm={3}>
            <TextField
              {...common}
              select
              id={`rule-${index}-comparison`}
              label={label('comparison')}
              value={rule.operator}
              onChange={e =>
                set({ operator: e.target.value as RuleDraft['operator'] })
              }
              {...fieldHelp(problems, at('operator'))}
            >
              {scorecardOperators.map(op => (
                <MenuItem key={op} value={op}>
                  {operatorText[op]} ({op})
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              {...common}
              id={`rule-${index}-threshold`}
              label={label('threshold')}
              value={rule.threshold}
              onChange={e => set({ threshold: e.target.value })}
              {...fieldHelp(
                problems,
                at('threshold'),
                readBack(rule.threshold) ??
                  'As you would say it: 24h, 15%, 1/week',
              )}
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              {...common}
              id={`rule-${index}-warn`}
              label={label('warn threshold (optional)')}
              value={rule.warn}
              onChange={e => set({ warn: e.target.value })}
              {...fieldHelp(
                problems,
                at('warn'),
                readBack(rule.warn) ?? 'Looser than the threshold',
              )}
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <TextField
              {...common}
              id={`rule-${index}-minSampleSize`}
              label={label('min sample size')}
              value={rule.minSampleSize}
              inputProps={{ inputMode: 'numeric' }}
              onChange={e => set({ minSampleSize: e.target.value })}
              {...fieldHelp(problems, at('minSampleSize'))}
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <TextField
              {...common}
              select
              id={`rule-${index}-level`}
              label={label('level')}
              value={levels.includes(rule.level) ? rule.level : ''}
              onChange={e => set({ level: e.target.value as string })}
              {...fieldHelp(problems, at('level'))}
            >
              {levels.map(level => (
                <MenuItem key={level} value={level}>
                  {level}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12}>
            <TextField
              {...common}
              id={`rule-${index}-description`}
              label={label('description (optional)')}
              value={rule.description}
              onChange={e => set({ description: e.target.value })}
              {...fieldHelp(problems, at('description'))}
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              {...common}
              type="date"
              id={`rule-${index}-announceAt`}
              label={label('announce from (optional)')}
              InputLabelProps={{ shrink: true }}
              value={rule.announceAt}
              onChange={e => set({ announceAt: e.target.value })}
              {...fieldHelp(
                problems,
                at('announceAt'),
                'Shown with its result from this day, not counted yet',
              )}
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              {...common}
              type="date"
              id={`rule-${index}-activeFrom`}
              label={label('active from (optional)')}
              InputLabelProps={{ shrink: true }}
              value={rule.activeFrom}
              onChange={e => set({ activeFrom: e.target.value })}
              {...fieldHelp(
                problems,
                at('activeFrom'),
                rule.activeFrom
                  ? `Counts from ${rule.activeFrom}`
                  : 'Counts at once when empty',
              )}
            />
          </Grid>
        </Grid>
      </Box>
    </Paper>
  );
}
