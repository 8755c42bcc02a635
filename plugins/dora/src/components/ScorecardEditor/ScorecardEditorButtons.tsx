import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ScorecardEntry } from '../../api/types';
import { rootRouteRef, scorecardRouteRef } from '../../routes';
import { ScorecardEditor } from './ScorecardEditor';
import { useDoraPermissions } from '../shared/useDoraPermissions';

/** For holders of `dora.scorecards.manage`: opens the editor on a new scorecard, then its page. */
export function NewScorecardButton() {
  const permission = useDoraPermissions();
  const detailLink = useRouteRef(scorecardRouteRef);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (!permission.canManage) return null;
  return (
    <Box mb={2}>
      <Button variant="contained" color="primary" onClick={() => setOpen(true)}>
        New scorecard
      </Button>
      {open && (
        <ScorecardEditor
          open
          onClose={() => setOpen(false)}
          onSaved={saved => {
            setOpen(false);
            navigate(detailLink({ scorecardId: saved.scorecard.id }));
          }}
        />
      )}
    </Box>
  );
}

/**
 * On a scorecard's page: "Edit" for managers of an API scorecard, else
 * "View definition" (the same form, read-only).
 */
export function EditScorecardButton(props: {
  entry: ScorecardEntry;
  /** After a save: reload the page's scorecard. */
  onSaved?: (entry: ScorecardEntry) => void;
}) {
  const { entry, onSaved } = props;
  const permission = useDoraPermissions();
  const overviewLink = useRouteRef(rootRouteRef);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const editable =
    permission.canManage && !entry.readOnly && entry.source !== 'config';
  return (
    <Box mb={2}>
      <Button
        variant={editable ? 'contained' : 'outlined'}
        color={editable ? 'primary' : 'default'}
        onClick={() => setOpen(true)}
        disabled={permission.loading}
      >
        {editable ? 'Edit' : 'View definition'}
      </Button>
      {open && (
        <ScorecardEditor
          open
          entry={entry}
          onClose={() => setOpen(false)}
          onSaved={saved => {
            setOpen(false);
            onSaved?.(saved);
          }}
          onDeleted={() => navigate(overviewLink())}
        />
      )}
    </Box>
  );
}
