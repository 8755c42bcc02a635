import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ScorecardPreview } from '@dora-metrics/plugin-dora-common';
import { useMemo, useState } from 'react';
import { doraApiRef } from '../../api/DoraApi';
import { ScorecardEntry } from '../../api/types';
import {
  draftOf,
  draftProblems,
  draftToScorecard,
  emptyDraft,
  emptyRule,
  ScorecardDraft,
} from './draft';
import { PreviewPanel } from './PreviewPanel';
import { fieldHelp, RuleRow } from './RuleRow';
import { useDoraPermissions } from '../shared/useDoraPermissions';

/** The weeks a preview looks back on: the API's default. */
export const PREVIEW_WEEKS = 12;

/** The API's own message when it refuses (a 400's reason), else the error's. */
export function errorText(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause?.message
      ? `${error.cause.message} (${error.statusCode})`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export interface ScorecardEditorProps {
  open: boolean;
  onClose: () => void;
  /** The saved scorecard to edit; a new one when absent. */
  entry?: ScorecardEntry;
  onSaved: (entry: ScorecardEntry) => void;
  onDeleted?: () => void;
}

const KNOWN_FIELDS = [
  'id',
  'title',
  'description',
  'window',
  'filter.kinds',
  'filter.types',
  'filter.lifecycles',
  'filter.tags',
  'filter.owners',
  'levels',
  'announceAt',
  'activeFrom',
];

/**
 * Creates or edits a scorecard: validated as you type by the API's parser,
 * previewed over the last weeks before it counts, then saved. Read-only for
 * users without `dora.scorecards.manage` and for app-config scorecards.
 */
export function ScorecardEditor(props: ScorecardEditorProps) {
  const { open, onClose, entry, onSaved, onDeleted } = props;
  const api = useApi(doraApiRef);
  const permission = useDoraPermissions();
  const fullScreen = useMediaQuery((theme: Theme) =>
    theme.breakpoints.down('xs'),
  );
  const [draft, setDraft] = useState<ScorecardDraft>(() =>
    entry ? draftOf(entry.scorecard) : emptyDraft(),
  );
  const [preview, setPreview] = useState<ScorecardPreview>();
  const [previewError, setPreviewError] = useState<string>();
  const [previewing, setPreviewing] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const fromConfig = entry?.source === 'config' || entry?.readOnly === true;
  const readOnly = fromConfig || !permission.canManage;
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const levels = draft.levels
    .split(',')
    .map(l => l.trim())
    .filter(Boolean);
  const unplaced = [...problems.byField.entries()]
    .filter(
      ([field]) =>
        !KNOWN_FIELDS.includes(field) && !/^rules\[\d+\]/.test(field),
    )
    .flatMap(([, messages]) => messages);

  const set = (patch: Partial<ScorecardDraft>) =>
    setDraft(current => ({ ...current, ...patch }));
  const text = (
    field: keyof ScorecardDraft,
    label: string,
    problemField: string,
    hint?: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextField
      fullWidth
      size="small"
      id={`scorecard-${field}`}
      label={label}
      disabled={readOnly}
      value={draft[field] as string}
      onChange={e => set({ [field]: e.target.value })}
      {...fieldHelp(problems.byField, problemField, hint)}
      {...extra}
    />
  );

  const runPreview = async () => {
    setPreviewing(true);
    setPreviewError(undefined);
    try {
      setPreview(
        await api.previewScorecard({
          scorecard: draftToScorecard(draft),
          weeks: PREVIEW_WEEKS,
        }),
      );
    } catch (e) {
      setPreview(undefined);
      setPreviewError(errorText(e));
    } finally {
      setPreviewing(false);
    }
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const body = draftToScorecard(draft);
      const saved = entry
        ? await api.updateScorecard(entry.scorecard.id, body)
        : await api.createScorecard(body);
      onSaved(saved);
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!entry) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      await api.deleteScorecard(entry.scorecard.id);
      onDeleted?.();
    } catch (e) {
      setSaveError(errorText(e));
      setSaving(false);
    }
  };

  const title = entry
    ? `${readOnly ? 'Scorecard' : 'Edit scorecard'}: ${entry.scorecard.title}`
    : 'New scorecard';

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      fullScreen={fullScreen}
      aria-labelledby="scorecard-editor-title"
      data-testid="scorecard-editor"
    >
      <DialogTitle id="scorecard-editor-title">{title}</DialogTitle>
      <DialogContent dividers>
        {fromConfig && (
          <Alert severity="info" style={{ marginBottom: 16 }}>
            Defined in app-config: read-only.
          </Alert>
        )}
        {!fromConfig && !permission.loading && !permission.canManage && (
          <Alert severity="info" style={{ marginBottom: 16 }}>
            Read-only: changing scorecards needs the dora.scorecards.manage
            permission.
          </Alert>
        )}
        <Grid container spacing={2}>
          <Grid item xs={12} sm={4}>
            {text(
              'id',
              'Scorecard id',
              'id',
              entry ? 'Fixed once created' : 'e.g. delivery-agreements',
              { disabled: readOnly || !!entry },
            )}
          </Grid>
          <Grid item xs={12} sm={8}>
            {text('title', 'Title', 'title')}
          </Grid>
          <Grid item xs={12}>
            {text('description', 'Description (optional)', 'description')}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text(
              'window',
              'Window',
              'window',
              'Days or weeks, e.g. 30d or 4w',
            )}
          </Grid>
          <Grid item xs={12} sm={8}>
            {text(
              'levels',
              'Levels, lowest first',
              'levels',
              'Comma-separated, e.g. bronze, silver, gold',
            )}
          </Grid>
          <Grid item xs={12}>
            <Typography variant="subtitle1" component="h3">
              Scope
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Comma-separated; an empty list does not narrow the scope.
            </Typography>
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            {text('kinds', 'Entity kinds', 'filter.kinds', 'e.g. Component')}
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            {text('types', 'Types', 'filter.types', 'e.g. service, website')}
          </Grid>
          <Grid item xs={12} sm={6} md={4}>
            {text(
              'lifecycles',
              'Lifecycles',
              'filter.lifecycles',
              'e.g. production',
            )}
          </Grid>
          <Grid item xs={12} sm={6} md={6}>
            {text('tags', 'Tags', 'filter.tags', 'Any of them, e.g. java')}
          </Grid>
          <Grid item xs={12} sm={6} md={6}>
            {text(
              'owners',
              'Owner groups',
              'filter.owners',
              'Group refs; owners include their sub-teams',
            )}
          </Grid>
          <Grid item xs={12} sm={6}>
            {text(
              'announceAt',
              'Scorecard announced from (optional)',
              'announceAt',
              'Shown from this day, not counted yet',
              { type: 'date', InputLabelProps: { shrink: true } },
            )}
          </Grid>
          <Grid item xs={12} sm={6}>
            {text(
              'activeFrom',
              'Scorecard active from (optional)',
              'activeFrom',
              draft.activeFrom
                ? `Counts from ${draft.activeFrom}`
                : 'Counts at once when empty',
              { type: 'date', InputLabelProps: { shrink: true } },
            )}
          </Grid>
          <Grid item xs={12}>
            <Typography variant="subtitle1" component="h3">
              Rules
            </Typography>
            {problems.byField.get('rules') && (
              <Typography color="error" variant="body2" role="alert">
                {problems.byField.get('rules')!.join('; ')}
              </Typography>
            )}
          </Grid>
          {draft.rules.map((rule, index) => (
            <Grid item xs={12} key={rule.key}>
              <RuleRow
                index={index}
                rule={rule}
                levels={levels}
                problems={problems.byField}
                readOnly={readOnly}
                onChange={next =>
                  set({
                    rules: draft.rules.map(r =>
                      r.key === next.key ? next : r,
                    ),
                  })
                }
                onRemove={
                  draft.rules.length > 1
                    ? () =>
                        set({
                          rules: draft.rules.filter(r => r.key !== rule.key),
                        })
                    : undefined
                }
              />
            </Grid>
          ))}
          {!readOnly && (
            <Grid item xs={12}>
              <Button
                variant="outlined"
                onClick={() =>
                  set({ rules: [...draft.rules, emptyRule(levels[0] ?? '')] })
                }
              >
                Add rule
              </Button>
            </Grid>
          )}
        </Grid>

        {unplaced.length > 0 && (
          <Alert severity="error" style={{ marginTop: 16 }}>
            {unplaced.map(p => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        )}
        {previewing && <Progress />}
        {previewError && (
          <Alert severity="error" style={{ marginTop: 16 }} role="alert">
            Preview refused: {previewError}
          </Alert>
        )}
        {preview && (
          <PreviewPanel
            preview={preview}
            levels={levels}
            rules={Object.fromEntries(
              draft.rules.map(r => [
                r.id,
                { title: r.title, metric: r.metric },
              ]),
            )}
          />
        )}
        {saveError && (
          <Alert severity="error" style={{ marginTop: 16 }} role="alert">
            Not saved: {saveError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {entry && !readOnly && onDeleted && (
          <Box mr="auto">
            {confirmDelete ? (
              <Button color="secondary" onClick={remove} disabled={saving}>
                Confirm delete
              </Button>
            ) : (
              <Button onClick={() => setConfirmDelete(true)}>
                Delete scorecard
              </Button>
            )}
          </Box>
        )}
        {/* The preview needs dora.scorecards.manage, as saving does. */}
        {permission.canManage && (
          <Button onClick={runPreview} disabled={previewing}>
            Preview (last {PREVIEW_WEEKS} weeks)
          </Button>
        )}
        <Button onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</Button>
        {!readOnly && (
          <Button
            color="primary"
            variant="contained"
            onClick={save}
            disabled={saving || problems.all.length > 0}
          >
            Save
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
