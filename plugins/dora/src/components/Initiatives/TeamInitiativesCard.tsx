import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { InitiativeEntry } from '@dora-metrics/plugin-dora-common';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api/DoraApi';
import { formatPercent } from '../format';
import { InitiativeSummary } from './InitiativeSummary';
import { useScorecards } from './useScorecardLookup';

/** `3 of 5 of the team's entities in scope meet it (60 %); 2 still miss it`. */
export function teamStandingText(team: NonNullable<InitiativeEntry['team']>) {
  if (team.entities === 0)
    return 'None of the team’s entities is in scope now.';
  const missing = team.entities - team.meeting;
  return `The team: ${team.meeting} of ${team.entities} of its entities in scope meet it (${formatPercent(
    team.meeting / team.entities,
  )})${missing > 0 ? `; ${missing} still miss it` : ''}.`;
}

/**
 * The team tab's initiatives: those whose scope includes one of the team's
 * entities, with how the team stands and the overall progress. Nothing at
 * all when none concerns the team (or they cannot be read).
 */
export function TeamInitiativesCard(props: { groupRef: string }) {
  const api = useApi(doraApiRef);
  const scorecards = useScorecards();
  const { value } = useAsync(
    () => api.getInitiatives({ groupRef: props.groupRef }),
    [api, props.groupRef],
  );
  if (!value?.length) return null;
  return (
    <InfoCard title="Initiatives">
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {value.map(entry => (
          <InitiativeSummary
            key={entry.initiative.id}
            entry={entry}
            scorecard={scorecards.lookup}
          >
            {entry.team && (
              <Typography variant="body2">
                {teamStandingText(entry.team)}
                {entry.team.missing.length > 0 &&
                  ` Missing: ${entry.team.missing
                    .map(m => m.entityRef)
                    .join(', ')}.`}
              </Typography>
            )}
          </InitiativeSummary>
        ))}
      </Box>
    </InfoCard>
  );
}
