import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  ExemptionEntry,
  ExemptionRequest,
} from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import { FormEvent, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { viewerTimeZone } from '../format';
import { serverMessage } from './apiErrors';

/** The rule and the service an exemption is asked for. */
export interface ExemptionTarget {
  scorecardId: string;
  ruleId: string;
  ruleTitle: string;
  /** The service the rule was graded for. */
  entityRef: string;
}

/** The group that owns an entity, from its `ownedBy` relation or `spec.owner`. */
export function ownerGroupRef(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  const owner =
    relation?.targetRef ?? (entity.spec?.owner as string | undefined);
  if (!owner) return undefined;
  const ref = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') return undefined;
  return `group:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

/**
 * The owner team of the service, read from the catalog when the dialog
 * opens; `undefined` when the catalog cannot say (the team scope is then
 * not offered).
 */
function useOwnerRef(entityRef: string, known?: string) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async () => {
    if (known) return known;
    if (!catalogApi) return undefined;
    const entity = await catalogApi.getEntityByRef(entityRef);
    return entity ? ownerGroupRef(entity) : undefined;
  }, [catalogApi, entityRef, known]);
}

/** The last instant of a picked day in the viewer's timezone, as UTC ISO-8601. */
export function endOfDay(day: string, timezone: string): string | undefined {
  const start = DateTime.fromISO(day, { zone: timezone });
  if (!start.isValid) return undefined;
  return start
    .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
    .toUTC()
    .toISO({ suppressMilliseconds: true })!;
}

const short = (ref: string, kind: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind: kind });

/**
 * Asks for an exemption from one rule: why (required), for this service or
 * for its owner team and the teams below, and until when (optional). The
 * API's refusal (400) shows in the dialog as the server wrote it.
 */
export function RequestExemptionDialog(props: {
  target: ExemptionTarget;
  /** The owner team, when the caller knows it; else read from the catalog. */
  ownerRef?: string;
  onClose: () => void;
  onRequested: (exemption: ExemptionEntry) => void;
}) {
  const { target, onClose, onRequested } = props;
  const api = useApi(doraApiRef);
  const owner = useOwnerRef(target.entityRef, props.ownerRef);
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'entity' | 'group'>('entity');
  const [expiresOn, setExpiresOn] = useState('');
  const [touched, setTouched] = useState(false);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const reasonMissing = reason.trim() === '';
  const titleId = `dora-exemption-request-${target.ruleId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonMissing) return;
    const body: Omit<ExemptionRequest, 'scorecardId'> = {
      ruleId: target.ruleId,
      scope:
        scope === 'group' && owner.value
          ? { groupRef: owner.value }
          : { entityRef: target.entityRef },
      reason: reason.trim(),
    };
    if (expiresOn) {
      const expiresAt = endOfDay(expiresOn, viewerTimeZone());
      if (expiresAt) body.expiresAt = expiresAt;
    }
    setSending(true);
    setRefusal(undefined);
    try {
      const created = await api.requestExemption(target.scorecardId, body);
      onRequested(created);
    } catch (error) {
      setRefusal(serverMessage(error));
      setSending(false);
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Request an exemption from “{target.ruleTitle}”
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            A scorecard manager approves or denies it. While approved, the rule
            shows as exempt: neither a pass nor a fail.
          </Typography>
          <TextField
            id="dora-exemption-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={3}
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={touched && reasonMissing}
            helperText={
              touched && reasonMissing
                ? 'Say why the rule does not fit'
                : 'Why the rule does not fit, for the people who decide'
            }
            margin="normal"
          />
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">Applies to</FormLabel>
            <RadioGroup
              aria-label="Applies to"
              value={scope}
              onChange={e => setScope(e.target.value as 'entity' | 'group')}
            >
              <FormControlLabel
                value="entity"
                control={<Radio />}
                label={`This service (${short(target.entityRef, 'component')})`}
              />
              <FormControlLabel
                value="group"
                control={<Radio />}
                disabled={!owner.value}
                label={
                  owner.value
                    ? `Its owner team (${short(owner.value, 'group')}) and the teams below`
                    : 'Its owner team and the teams below (owner unknown)'
                }
              />
            </RadioGroup>
          </FormControl>
          <TextField
            id="dora-exemption-expires"
            label="Expires on (optional)"
            type="date"
            fullWidth
            value={expiresOn}
            onChange={e => setExpiresOn(e.target.value)}
            InputLabelProps={{ shrink: true }}
            helperText="Leave empty for an exemption until revoked"
            margin="normal"
          />
          {refusal && (
            <Alert severity="error" role="alert">
              {refusal}
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
            Send request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
