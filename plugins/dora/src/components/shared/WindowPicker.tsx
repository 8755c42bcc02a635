import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Bucket } from '@dora-metrics/plugin-dora-common';
import { DateTime } from 'luxon';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ChangeEvent, useEffect, useMemo, useState } from 'react';
import { viewerTimeZone } from '../format';
import { DoraWindow, WINDOW_PRESETS, WindowPreset } from './useDoraWindow';
import { timeZoneChoices } from './windowParams';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  field: { minWidth: 160 },
  timezone: { width: 240 },
}));

/**
 * Picks the timezone the days, buckets and times are read in: the browser's
 * and UTC first, then every IANA zone, searchable.
 */
export function TimezonePicker(props: {
  timezone: string;
  onChange: (timezone: string) => void;
}) {
  const classes = useStyles();
  const { timezone, onChange } = props;
  const options = useMemo(
    () => timeZoneChoices(timezone, viewerTimeZone()),
    [timezone],
  );
  return (
    <Autocomplete
      id="dora-timezone"
      className={classes.timezone}
      options={options}
      value={timezone}
      disableClearable
      autoHighlight
      onChange={(_event, value) => {
        if (value && value !== timezone) onChange(value);
      }}
      renderInput={params => <TextField {...params} label="Timezone" />}
    />
  );
}

const presetLabel = (preset: WindowPreset) =>
  preset === 'custom' ? 'Custom range' : `Last ${preset} days`;

const day = (millis: number, timezone: string) =>
  DateTime.fromMillis(millis, { zone: timezone }).toISODate() ?? '';

/** The window (preset or custom days), the chart bucket and the timezone in use. */
export function WindowPicker(props: {
  window: DoraWindow;
  onPresetChange: (preset: WindowPreset) => void;
  onCustomRangeChange: (fromDay: string, toDay: string) => void;
  onBucketChange?: (bucket: Bucket) => void;
  onTimezoneChange?: (timezone: string) => void;
}) {
  const classes = useStyles();
  const { window, onPresetChange, onCustomRangeChange, onBucketChange } = props;
  const { onTimezoneChange } = props;
  const [fromDay, setFromDay] = useState(day(window.from, window.timezone));
  const [toDay, setToDay] = useState(day(window.to - 1, window.timezone));

  useEffect(() => {
    setFromDay(day(window.from, window.timezone));
    setToDay(day(window.to - 1, window.timezone));
  }, [window.from, window.to, window.timezone]);

  const changePreset = (event: ChangeEvent<{ value: unknown }>) => {
    const value = String(event.target.value);
    onPresetChange(
      value === 'custom' ? 'custom' : (Number(value) as WindowPreset),
    );
  };
  const rangeInvalid = !fromDay || !toDay || toDay < fromDay;

  return (
    <Box className={classes.root}>
      <TextField
        select
        id="dora-window"
        label="Window"
        value={String(window.preset)}
        onChange={changePreset}
        SelectProps={{ native: true }}
        className={classes.field}
      >
        {[...WINDOW_PRESETS, 'custom' as const].map(preset => (
          <option key={preset} value={String(preset)}>
            {presetLabel(preset)}
          </option>
        ))}
      </TextField>
      {window.preset === 'custom' && (
        <>
          <TextField
            id="dora-window-from"
            label="From"
            type="date"
            value={fromDay}
            InputLabelProps={{ shrink: true }}
            onChange={e => {
              setFromDay(e.target.value);
              if (e.target.value && toDay >= e.target.value) {
                onCustomRangeChange(e.target.value, toDay);
              }
            }}
            error={rangeInvalid}
          />
          <TextField
            id="dora-window-to"
            label="To (inclusive)"
            type="date"
            value={toDay}
            InputLabelProps={{ shrink: true }}
            onChange={e => {
              setToDay(e.target.value);
              if (e.target.value && e.target.value >= fromDay) {
                onCustomRangeChange(fromDay, e.target.value);
              }
            }}
            error={rangeInvalid}
            helperText={rangeInvalid ? 'To must not be before From' : undefined}
          />
        </>
      )}
      {onBucketChange && (
        <TextField
          select
          id="dora-bucket"
          label="Chart bucket"
          value={window.bucket}
          onChange={e => onBucketChange(e.target.value as Bucket)}
          SelectProps={{ native: true }}
          className={classes.field}
        >
          <option value="day">Day</option>
          <option value="week">Week</option>
          <option value="month">Month</option>
        </TextField>
      )}
      {onTimezoneChange && (
        <TimezonePicker
          timezone={window.timezone}
          onChange={onTimezoneChange}
        />
      )}
      <Typography variant="body2" color="textSecondary">
        Times in {window.timezone}
      </Typography>
    </Box>
  );
}
