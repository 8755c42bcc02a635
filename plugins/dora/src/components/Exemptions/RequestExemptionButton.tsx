import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  ExemptionTarget,
  RequestExemptionDialog,
} from './RequestExemptionDialog';

/**
 * "Request exemption" for a rule that does not pass, and once sent
 * "Exemption requested (pending)" in its place.
 */
export function RequestExemptionButton(props: {
  target: ExemptionTarget;
  ownerRef?: string;
}) {
  const { target, ownerRef } = props;
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState(false);
  if (requested) {
    return (
      <Typography variant="caption" component="div" role="status">
        Exemption requested (pending)
      </Typography>
    );
  }
  return (
    <>
      <Button
        size="small"
        variant="text"
        color="primary"
        onClick={() => setOpen(true)}
        aria-label={`Request exemption: ${target.ruleTitle}`}
      >
        Request exemption
      </Button>
      {open && (
        <RequestExemptionDialog
          target={target}
          ownerRef={ownerRef}
          onClose={() => setOpen(false)}
          onRequested={() => {
            setOpen(false);
            setRequested(true);
          }}
        />
      )}
    </>
  );
}
