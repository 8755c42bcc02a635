import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';

export type DecisionAction = 'approve' | 'deny' | 'revoke';

export const decisionLabel: Record<DecisionAction, string> = {
  approve: 'Approve',
  deny: 'Deny',
  revoke: 'Revoke',
};

/**
 * Confirms a decision on one exemption, with an optional note. `onDecide`
 * resolves when done and rejects with what to show otherwise.
 */
export function DecisionDialog(props: {
  action: DecisionAction;
  /** What is decided on, in words: the rule and the scope. */
  subject: string;
  onDecide: (note: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const { action, subject, onDecide, onClose } = props;
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const label = decisionLabel[action];
  const titleId = 'dora-exemption-decision-title';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setProblem(undefined);
    try {
      await onDecide(note.trim() || undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit}>
        <DialogTitle id={titleId}>{label} the exemption?</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            {subject}
          </Typography>
          <TextField
            id="dora-exemption-decision-note"
            label="Note (optional)"
            fullWidth
            multiline
            minRows={2}
            value={note}
            onChange={e => setNote(e.target.value)}
            helperText="Kept with the decision and in the audit list"
            margin="normal"
          />
          {problem && (
            <Alert severity="error" role="alert">
              {problem}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={sending}
          >
            {label}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
