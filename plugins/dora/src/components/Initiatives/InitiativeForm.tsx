import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { InitiativeEntry } from '@dora-metrics/plugin-dora-common';
import { ChangeEvent, useState } from 'react';
import { doraApiRef } from '../../api/DoraApi';
import { ScorecardEntry } from '../../api/types';
import {
  DraftField,
  draftProblems,
  fieldOf,
  InitiativeDraft,
  inputOf,
  messageOf,
} from './initiativeDraft';

export interface InitiativeFormProps {
  open: boolean;
  /** The fields to start from: empty for a new one, its own to edit one. */
  initial: InitiativeDraft;
  /** Editing an existing initiative (its id cannot change). */
  editing?: boolean;
  scorecards: ScorecardEntry[];
  onClose: () => void;
  onSaved: (entry: InitiativeEntry) => void;
}

function TargetOptions(props: { scorecard?: ScorecardEntry }) {
  const scorecard = props.scorecard?.scorecard;
  if (!scorecard) return null;
  return (
    <>
      <optgroup label="Level">
        {scorecard.levels.map(level => (
          <option key={level} value={`level:${level}`}>
            Level {level}
          </option>
        ))}
      </optgroup>
      <optgroup label="Rule">
        {scorecard.rules.map(rule => (
          <option key={rule.id} value={`rule:${rule.id}`}>
            Rule {rule.title}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/**
 * Creates or edits an initiative in a dialog. Each field shows what the
 * API would refuse in it as soon as it is touched (the same
 * `parseInitiative`), every problem on a save attempt, and a 400 as the API
 * words it.
 */
export function InitiativeForm(props: InitiativeFormProps) {
  const { open, initial, editing, scorecards, onClose, onSaved } = props;
  const api = useApi(doraApiRef);
  const [draft, setDraft] = useState<InitiativeDraft>(initial);
  const [touched, setTouched] = useState<Set<DraftField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [apiError, setApiError] = useState<string>();

  const problems = draftProblems(draft);
  const shown = (field: DraftField) =>
    submitted || touched.has(field)
      ? problems.filter(p => fieldOf(p) === field).map(messageOf)
      : [];

  const set =
    (field: DraftField) =>
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.target.value;
      setDraft(d => ({
        ...d,
        [field]: value,
        // Another scorecard has other levels and rules.
        ...(field === 'scorecardId' && { target: '' }),
      }));
      setTouched(t => new Set(t).add(field));
    };

  const field = (
    name: DraftField,
    label: string,
    extra: Partial<Parameters<typeof TextField>[0]> = {},
  ) => {
    const errors = shown(name);
    return (
      <TextField
        fullWidth
        margin="dense"
        {...extra}
        id={`initiative-${name}`}
        label={label}
        value={draft[name]}
        onChange={set(name)}
        error={errors.length > 0}
        helperText={errors.length > 0 ? errors.join('; ') : extra.helperText}
      />
    );
  };

  const save = async () => {
    setSubmitted(true);
    setApiError(undefined);
    if (problems.length > 0) return;
    setSaving(true);
    try {
      const body = inputOf(draft);
      const entry = editing
        ? await api.updateInitiative(draft.id, body)
        : await api.createInitiative(body);
      onSaved(entry);
    } catch (e) {
      setApiError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const scorecard = scorecards.find(s => s.scorecard.id === draft.scorecardId);
  const title = editing ? 'Edit initiative' : 'New initiative';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="initiative-form-title"
    >
      <DialogTitle id="initiative-form-title">{title}</DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={4}>
            {field('id', 'Id', {
              disabled: editing,
              helperText: 'Lower case, e.g. payments-silver',
            })}
          </Grid>
          <Grid item xs={12} sm={8}>
            {field('title', 'Title')}
          </Grid>
          <Grid item xs={12}>
            {field('description', 'Description', { multiline: true })}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('scorecardId', 'Scorecard', {
              select: true,
              SelectProps: { native: true },
              InputLabelProps: { shrink: true },
              children: [
                <option key="" value="">
                  Pick a scorecard
                </option>,
                ...scorecards.map(s => (
                  <option key={s.scorecard.id} value={s.scorecard.id}>
                    {s.scorecard.title}
                  </option>
                )),
              ],
            })}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('target', 'Target (level or rule)', {
              select: true,
              SelectProps: { native: true },
              InputLabelProps: { shrink: true },
              disabled: !scorecard,
              children: [
                <option key="" value="">
                  Pick a level or a rule
                </option>,
                <TargetOptions key="options" scorecard={scorecard} />,
              ],
            })}
          </Grid>
          <Grid item xs={12}>
            <Typography variant="subtitle2" component="h3">
              Scope (comma-separated; empty: any)
            </Typography>
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('owners', 'Owners', {
              helperText: 'Groups, sub-teams included',
            })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('kinds', 'Kinds')}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('types', 'Types')}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('lifecycles', 'Lifecycles')}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('tags', 'Tags', { helperText: 'Any of them' })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('targetShare', 'Target share', {
              helperText: 'Of the scope, e.g. 80%',
            })}
          </Grid>
          <Grid item xs={12} sm={8}>
            {field('owner', 'Owner', {
              helperText: 'A group or user ref, e.g. group:default/payments',
            })}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('startsAt', 'Starts at', {
              type: 'date',
              InputLabelProps: { shrink: true },
            })}
          </Grid>
          <Grid item xs={12} sm={6}>
            {field('deadline', 'Deadline', {
              type: 'date',
              InputLabelProps: { shrink: true },
            })}
          </Grid>
        </Grid>
        {submitted && problems.length > 0 && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              <Typography variant="body2">Not saved yet:</Typography>
              <ul aria-label="Problems">
                {problems.map(p => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {apiError && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              The API refused it: {apiError}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={saving}
        >
          {editing ? 'Save changes' : 'Create initiative'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
