import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
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

/** The rule's fields typed as text (the rest are picked from lists). */
type TextKey =
  | 'id'
  | 'title'
  | 'description'
  | 'threshold'
  | 'warn'
  | 'minSampleSize'
  | 'announceAt'
  | 'activeFrom';

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
  /** The props of one of the rule's text (or date) fields, by its draft key. */
  const field = (
    key: TextKey,
    name: string,
    hint?: string,
  ): TextFieldProps => ({
    ...common,
    id: `rule-${index}-${key}`,
    label: label(name),
    value: rule[key],
    onChange: e => set({ [key]: e.target.value }),
    ...fieldHelp(problems, at(key), hint),
  });
  const day = { type: 'date', InputLabelProps: { shrink: true } } as const;

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
            <TextField {...field('id', 'id', 'e.g. lead-time-gold')} />
          </Grid>
          <Grid item xs={12} sm={8}>
            <TextField {...field('title', 'title')} />
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
              {...field(
                'threshold',
                'threshold',
                readBack(rule.threshold) ??
                  'As you would say it: 24h, 15%, 1/week',
              )}
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              {...field(
                'warn',
                'warn threshold (optional)',
                readBack(rule.warn) ?? 'Looser than the threshold',
              )}
            />
          </Grid>
          <Grid item xs={6} sm={2}>
            <TextField
              {...field('minSampleSize', 'min sample size')}
              inputProps={{ inputMode: 'numeric' }}
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
            <TextField {...field('description', 'description (optional)')} />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              {...day}
              {...field(
                'announceAt',
                'announce from (optional)',
                'Shown with its result from this day, not counted yet',
              )}
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              {...day}
              {...field(
                'activeFrom',
                'active from (optional)',
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
