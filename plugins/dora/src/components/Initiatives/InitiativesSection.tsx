import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { doraApiRef } from '../../api/DoraApi';
import { emptyDraft } from './initiativeDraft';
import { InitiativeForm } from './InitiativeForm';
import { InitiativeSummary } from './InitiativeSummary';
import { useDoraPermissions } from '../shared/useDoraPermissions';
import { useScorecards } from './useScorecardLookup';

/**
 * The DORA page's initiatives: each with its target, owner, deadline and
 * progress, a link to its page, and a form for a new one (managers only).
 */
export function InitiativesSection() {
  const api = useApi(doraApiRef);
  const { canManage } = useDoraPermissions();
  const scorecards = useScorecards();
  const [formKey, setFormKey] = useState<number>();
  const list = useAsyncRetry(() => api.getInitiatives(), [api]);

  let body;
  if (list.loading && !list.value) body = <Progress />;
  else if (list.error) body = <ResponseErrorPanel error={list.error} />;
  else if (!list.value?.length) {
    body = (
      <Typography variant="body2">
        No initiative yet. An initiative names a scorecard level or rule, a
        scope, a share to reach and a deadline.
      </Typography>
    );
  } else {
    body = (
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {list.value.map(entry => (
          <InitiativeSummary
            key={entry.initiative.id}
            entry={entry}
            scorecard={scorecards.lookup}
          />
        ))}
      </Box>
    );
  }

  return (
    <section aria-labelledby="dora-initiatives-heading">
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <Typography variant="h5" component="h2" id="dora-initiatives-heading">
          Initiatives
        </Typography>
        {canManage && (
          <Button
            variant="outlined"
            color="primary"
            onClick={() => setFormKey(Date.now())}
          >
            New initiative
          </Button>
        )}
      </Box>
      <InfoCard>{body}</InfoCard>
      {formKey !== undefined && (
        <InitiativeForm
          key={formKey}
          open
          initial={emptyDraft(DateTime.utc().toISODate()!)}
          scorecards={scorecards.entries}
          onClose={() => setFormKey(undefined)}
          onSaved={() => {
            setFormKey(undefined);
            list.retry();
          }}
        />
      )}
    </section>
  );
}
