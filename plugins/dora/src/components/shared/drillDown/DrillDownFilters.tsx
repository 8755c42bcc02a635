import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import {
  DoraEventKind,
  DrillDownTotals,
  EventsOrder,
  EventsShow,
} from '@dora-metrics/plugin-dora-common';
import { ChangeEvent, ReactNode } from 'react';
import { DrillDownView } from './drillDownParams';
import { kindNoun } from './tileDrillDown';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  select: { minWidth: 160 },
}));

const countedLabel: Record<DoraEventKind, string> = {
  deployment: 'Counted in deployment frequency',
  change: 'Behind the lead time',
  incident: 'Resolved in the window',
};

const ALL = '';

function showOptions(kind: DoraEventKind, totals?: DrillDownTotals) {
  const count = (n: number | null | undefined) =>
    n === null || n === undefined ? '' : ` (${n})`;
  const options: Array<{ value: EventsShow; label: string }> = [
    { value: 'all', label: `All ${kindNoun[kind][1]}${count(totals?.events)}` },
    {
      value: 'counted',
      label: `${countedLabel[kind]}${count(totals?.counted)}`,
    },
  ];
  if (kind === 'deployment') {
    options.push({
      value: 'failed',
      label: `Failed changes${count(totals?.failed)}`,
    });
  }
  return options;
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <TextField
      id={props.id}
      select
      label={props.label}
      value={props.value}
      onChange={(e: ChangeEvent<{ value: unknown }>) =>
        props.onChange(String(e.target.value))
      }
      SelectProps={{ native: true }}
      // "All environments" has the empty value: keep the label above it.
      InputLabelProps={{ shrink: true }}
      className={classes.select}
      size="small"
    >
      {props.children}
    </TextField>
  );
}

/** A team's service by its display name, with its events in the window. */
function ServiceOption(props: { entityRef: string; events: number }) {
  const { primaryTitle } = useEntityPresentation(props.entityRef);
  return (
    <option value={props.entityRef}>
      {primaryTitle} ({props.events})
    </option>
  );
}

/**
 * What the list shows (all, counted, failed), in which environment and
 * service, in which order. Counts come from the totals.
 */
export function DrillDownFilters(props: {
  view: DrillDownView;
  totals?: DrillDownTotals;
  team: boolean;
  onChange: (view: DrillDownView) => void;
}) {
  const classes = useStyles();
  const { view, totals, team, onChange } = props;
  const environments = totals?.environments ?? [];
  const entities = totals?.entities ?? [];
  return (
    <Box className={classes.filters}>
      <Select
        id="dora-drill-down-show"
        label="Show"
        value={view.show}
        onChange={show => onChange({ ...view, show: show as EventsShow })}
      >
        {showOptions(view.kind, totals).map(option => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      {view.kind === 'deployment' &&
        (environments.length > 0 || view.environment) && (
          <Select
            id="dora-drill-down-environment"
            label="Environment"
            value={view.environment ?? ALL}
            onChange={environment =>
              onChange({ ...view, environment: environment || undefined })
            }
          >
            <option value={ALL}>All environments</option>
            {view.environment &&
              !environments.some(e => e.environment === view.environment) && (
                <option value={view.environment}>{view.environment}</option>
              )}
            {environments.map(e => (
              <option key={e.environment} value={e.environment}>
                {e.environment} ({e.events})
              </option>
            ))}
          </Select>
        )}
      {team && (entities.length > 0 || view.service) && (
        <Select
          id="dora-drill-down-service"
          label="Service"
          value={view.service ?? ALL}
          onChange={service =>
            onChange({ ...view, service: service || undefined })
          }
        >
          <option value={ALL}>All services</option>
          {view.service &&
            !entities.some(e => e.entityRef === view.service) && (
              <ServiceOption entityRef={view.service} events={0} />
            )}
          {entities.map(e => (
            <ServiceOption
              key={e.entityRef}
              entityRef={e.entityRef}
              events={e.events}
            />
          ))}
        </Select>
      )}
      <Select
        id="dora-drill-down-order"
        label="Order"
        value={view.order}
        onChange={order => onChange({ ...view, order: order as EventsOrder })}
      >
        <option value="newest">Newest first</option>
        <option value="oldest">Oldest first</option>
      </Select>
    </Box>
  );
}
