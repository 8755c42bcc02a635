import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { parseEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  EXEMPTION_STATES,
  ExemptionEntry,
  ExemptionScope,
  ExemptionState,
} from '@dora-metrics/plugin-dora-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { doraApiRef } from '../../api/DoraApi';
import { capitalize, formatInstant, viewerTimeZone } from '../format';
import { exemptionUntilText } from '../shared/Chips';
import { ScrollTable } from '../shared/ScrollTable';
import { serverMessage, statusOf } from './apiErrors';
import {
  DecisionAction,
  DecisionDialog,
  decisionLabel,
} from './DecisionDialog';
import { useDoraPermissions } from '../shared/useDoraPermissions';

/** The scope of an exemption in words. */
export function scopeText(scope: ExemptionScope): string {
  if (scope.kind === 'entity') {
    return `Service ${humanizeEntityRef(parseEntityRef(scope.entityRef), {
      defaultKind: 'component',
    })}`;
  }
  return `Team ${humanizeEntityRef(parseEntityRef(scope.groupRef), {
    defaultKind: 'group',
  })} and the teams below`;
}

/** What a manager may do with an exemption in its state now. */
export function decisionsFor(state: ExemptionState): DecisionAction[] {
  if (state === 'pending') return ['approve', 'deny'];
  if (state === 'approved') return ['revoke'];
  return [];
}

interface Pending {
  exemption: ExemptionEntry;
  action: DecisionAction;
  subject: string;
}

/**
 * A scorecard's exemptions: rule, scope, reason, expiry, state, who asked
 * and who decided, filtered by state. Managers approve or deny pending ones
 * and revoke approved ones; when someone decided meanwhile (409) the list
 * says so and reloads.
 */
export function ExemptionsSection(props: {
  scorecardId: string;
  rules: ReadonlyArray<{ id: string; title: string }>;
}) {
  const { scorecardId, rules } = props;
  const api = useApi(doraApiRef);
  const { canManage: canDecide } = useDoraPermissions();
  const [state, setState] = useState<ExemptionState | ''>('');
  const [deciding, setDeciding] = useState<Pending | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const list = useAsyncRetry(
    () => api.getExemptions(scorecardId, state ? { status: state } : {}),
    [api, scorecardId, state],
  );
  const timezone = viewerTimeZone();
  const ruleTitle = (id: string) => rules.find(r => r.id === id)?.title ?? id;

  const decide = async (pending: Pending, note: string | undefined) => {
    try {
      await api.decideExemption(scorecardId, pending.exemption.id, {
        action: pending.action,
        ...(note && { note }),
      });
      setNotice(undefined);
    } catch (error) {
      // Decided by someone else meanwhile: say so and show the list as it is now.
      if (statusOf(error) !== 409) throw new Error(serverMessage(error));
      setNotice(serverMessage(error));
    }
    setDeciding(undefined);
    list.retry();
  };

  const headingId = `dora-exemptions-${scorecardId}`;
  let body;
  if (list.loading && !list.value) body = <Progress />;
  else if (list.error) body = <ResponseErrorPanel error={list.error} />;
  else if (!list.value || list.value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {state
          ? `No ${state} exemption.`
          : 'No exemption has been requested for this scorecard.'}
      </Typography>
    );
  } else {
    body = (
      <ScrollTable>
        <Table size="small" aria-label="Exemptions">
          <TableHead>
            <TableRow>
              <TableCell>Rule</TableCell>
              <TableCell>Scope</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Requested</TableCell>
              <TableCell>Decided</TableCell>
              {canDecide && <TableCell>Decision</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {list.value.map(exemption => {
              const subject = `${ruleTitle(exemption.ruleId)}, ${scopeText(exemption.scope)}`;
              return (
                <TableRow key={exemption.id}>
                  <TableCell>{ruleTitle(exemption.ruleId)}</TableCell>
                  <TableCell>{scopeText(exemption.scope)}</TableCell>
                  <TableCell>{exemption.reason}</TableCell>
                  <TableCell>
                    {capitalize(
                      exemptionUntilText(exemption.expiresAt, timezone),
                    )}
                  </TableCell>
                  <TableCell>{capitalize(exemption.state)}</TableCell>
                  <TableCell>
                    {exemption.requestedBy}
                    <Typography variant="caption" component="div">
                      {formatInstant(exemption.requestedAt, timezone)}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {exemption.decidedBy ?? '—'}
                    {exemption.decidedAt && (
                      <Typography variant="caption" component="div">
                        {formatInstant(exemption.decidedAt, timezone)}
                      </Typography>
                    )}
                    {exemption.decisionNote && (
                      <Typography variant="caption" component="div">
                        Note: {exemption.decisionNote}
                      </Typography>
                    )}
                  </TableCell>
                  {canDecide && (
                    <TableCell>
                      {decisionsFor(exemption.state).map(action => (
                        <Button
                          key={action}
                          size="small"
                          color={action === 'approve' ? 'primary' : 'default'}
                          aria-label={`${decisionLabel[action]}: ${subject}`}
                          onClick={() =>
                            setDeciding({ exemption, action, subject })
                          }
                        >
                          {decisionLabel[action]}
                        </Button>
                      ))}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollTable>
    );
  }

  return (
    <Box mt={3} component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h3" id={headingId}>
        Exemptions
      </Typography>
      <Box my={1} maxWidth={240}>
        <TextField
          select
          id="dora-exemptions-state"
          label="State"
          value={state}
          onChange={e => setState(e.target.value as ExemptionState | '')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          fullWidth
        >
          <option value="">All states</option>
          {EXEMPTION_STATES.map(s => (
            <option key={s} value={s}>
              {capitalize(s)}
            </option>
          ))}
        </TextField>
      </Box>
      {notice && (
        <Alert
          severity="warning"
          role="alert"
          onClose={() => setNotice(undefined)}
        >
          {notice}
        </Alert>
      )}
      {body}
      {deciding && (
        <DecisionDialog
          action={deciding.action}
          subject={deciding.subject}
          onDecide={note => decide(deciding, note)}
          onClose={() => setDeciding(undefined)}
        />
      )}
    </Box>
  );
}
