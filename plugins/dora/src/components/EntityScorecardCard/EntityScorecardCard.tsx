import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { GradedRuleResult } from '@dora-metrics/plugin-dora-common';
import { RequestExemptionButton } from '../Exemptions/RequestExemptionButton';
import { ownerGroupRef } from '../Exemptions/RequestExemptionDialog';
import { useDoraPermissions } from '../shared/useDoraPermissions';
import { viewerTimeZone } from '../format';
import {
  countsFromText,
  ExemptionNoteText,
  LevelChip,
  StatusChip,
} from '../shared/Chips';
import { useDoraTabLink } from '../shared/doraTabLink';
import { useScorecardResults } from '../shared/useScorecardResults';
import {
  evaluatedText,
  mayRequestExemption,
  noDataReason,
  ruleValues,
  statusCounts,
  thresholdText,
} from '../shared/WorkingAgreements';

/** What a rule measured against what was agreed, in one line. */
function ruleLine(
  rule: GradedRuleResult,
  scorecard: Parameters<typeof noDataReason>[1],
): string {
  return rule.evaluatedStatus === 'no-data'
    ? `No data: ${noDataReason({ ...rule, status: 'no-data' }, scorecard)}; agreed ${thresholdText(rule)}`
    : `${ruleValues(rule).actual}, agreed ${thresholdText(rule)}`;
}

/** A service's working agreements, compact: per scorecard the level and the rules not passing. */
export function EntityScorecardCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const doraTab = useDoraTabLink();
  const { value, loading, error } = useScorecardResults({ entityRef });
  const { canRequestExemption: canRequest } = useDoraPermissions();
  const ownerRef = ownerGroupRef(entity);
  const timezone = viewerTimeZone();

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value && value.records.length === 0) {
    content = (
      <Typography variant="body2">
        No scorecard grades this service yet, or it has not been evaluated.
      </Typography>
    );
  } else if (value) {
    content = value.records.map(record => {
      const entry = value.scorecards.find(
        s => s.scorecard.id === record.scorecardId,
      );
      const title = entry?.scorecard.title ?? record.scorecardId;
      const counts = statusCounts(record.result.rules);
      const attention = record.result.rules.filter(r => r.status !== 'pass');
      return (
        <Box
          key={record.scorecardId}
          mb={2}
          component="section"
          aria-label={title}
        >
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="subtitle1" component="h3">
              {title}
            </Typography>
            <LevelChip level={record.level} />
          </Box>
          <Typography variant="body2" color="textSecondary">
            {counts.pass} pass · {counts.warn} warn · {counts.fail} fail ·{' '}
            {counts['no-data']} no data
            {counts.exempt > 0 && ` · ${counts.exempt} exempt`}
          </Typography>
          <Typography variant="caption" color="textSecondary" component="p">
            {evaluatedText(record.evaluatedAt, entry?.scorecard.window)}
          </Typography>
          {attention.length > 0 && (
            <List dense aria-label={`${title}: rules not passing`}>
              {attention.map(rule => (
                <ListItem key={rule.ruleId} disableGutters>
                  <Box mr={1}>
                    <StatusChip status={rule.status} />
                  </Box>
                  <ListItemText
                    primary={rule.title}
                    secondary={
                      <>
                        {ruleLine(rule, entry?.scorecard)}
                        {rule.exemption && (
                          <>
                            <br />
                            <ExemptionNoteText
                              exemption={rule.exemption}
                              timezone={timezone}
                            />
                          </>
                        )}
                      </>
                    }
                  />
                  {canRequest && mayRequestExemption(rule) && (
                    <RequestExemptionButton
                      target={{
                        scorecardId: record.scorecardId,
                        ruleId: rule.ruleId,
                        ruleTitle: rule.title,
                        entityRef,
                      }}
                      ownerRef={ownerRef}
                    />
                  )}
                </ListItem>
              ))}
            </List>
          )}
          {record.result.announced.length > 0 && (
            <List
              dense
              aria-label={`${title}: announced rules, not counted yet`}
            >
              {record.result.announced.map(rule => (
                <ListItem key={rule.ruleId} disableGutters>
                  <Box mr={1}>
                    <StatusChip status={rule.status} would />
                  </Box>
                  <ListItemText
                    primary={`${rule.title}: ${countsFromText(rule.activeFrom, timezone)}`}
                    secondary={ruleLine(rule, entry?.scorecard)}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Box>
      );
    });
  }
  return (
    <InfoCard
      title="Working agreements"
      deepLink={{ title: 'Open the DORA tab', link: doraTab(entityRef) }}
    >
      {content}
    </InfoCard>
  );
}
