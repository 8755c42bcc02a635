import {
  ANNOTATION_ATTRIBUTION_WINDOW,
  ANNOTATION_CHANGE_FAILURE_MODE,
  ANNOTATION_INCIDENT_SOURCE,
  ANNOTATION_OPSGENIE_COMPONENT_SELECTOR,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
} from './annotations';
import {
  DEFAULT_SETTINGS,
  DoraSettings,
  parseAttributionWindow,
  parseProductionEnvironments,
  resolveSettings,
} from './settings';

const configDefaults: DoraSettings = {
  productionEnvironments: ['prod'],
  changeFailureMode: 'pipeline',
  attributionWindowSeconds: 1800,
  incidentSource: null,
};

describe('DEFAULT_SETTINGS', () => {
  it('are the spec defaults: production, incidents mode, a 1 hour window, no incident source', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      productionEnvironments: ['production'],
      changeFailureMode: 'incidents',
      attributionWindowSeconds: 3600,
      incidentSource: null,
    });
  });
});

describe('resolveSettings', () => {
  it('keeps the defaults when the entity has no annotation', () => {
    expect(resolveSettings(undefined)).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [],
    });
    expect(resolveSettings({}, configDefaults)).toEqual({
      settings: configDefaults,
      problems: [],
    });
  });

  it('ignores annotations of other tools', () => {
    expect(
      resolveSettings({ 'backstage.io/techdocs-ref': 'dir:.' }, configDefaults)
        .settings,
    ).toEqual(configDefaults);
  });

  it('reads every annotation over the app-config defaults', () => {
    const { settings, problems } = resolveSettings(
      {
        [ANNOTATION_PRODUCTION_ENVIRONMENTS]: 'prod, production-eu',
        [ANNOTATION_CHANGE_FAILURE_MODE]: 'incidents',
        [ANNOTATION_ATTRIBUTION_WINDOW]: '4h',
        [ANNOTATION_INCIDENT_SOURCE]: 'webhook',
      },
      configDefaults,
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      productionEnvironments: ['prod', 'production-eu'],
      changeFailureMode: 'incidents',
      attributionWindowSeconds: 4 * 3600,
      incidentSource: 'webhook',
    });
  });

  it('reads the change failure mode case-insensitively', () => {
    expect(
      resolveSettings({ [ANNOTATION_CHANGE_FAILURE_MODE]: ' Pipeline ' })
        .settings.changeFailureMode,
    ).toBe('pipeline');
  });

  it('reads the attribution window 30m as 1800 seconds and none as null (never blame)', () => {
    expect(
      resolveSettings({ [ANNOTATION_ATTRIBUTION_WINDOW]: '30m' }).settings
        .attributionWindowSeconds,
    ).toBe(1800);
    expect(
      resolveSettings({ [ANNOTATION_ATTRIBUTION_WINDOW]: 'none' }).settings
        .attributionWindowSeconds,
    ).toBeNull();
  });

  it('reports an empty production-environments annotation and keeps the default', () => {
    const { settings, problems } = resolveSettings(
      { [ANNOTATION_PRODUCTION_ENVIRONMENTS]: ' , ' },
      configDefaults,
    );
    expect(settings.productionEnvironments).toEqual(['prod']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(ANNOTATION_PRODUCTION_ENVIRONMENTS);
  });

  it('reports an unknown change failure mode and keeps the default', () => {
    const { settings, problems } = resolveSettings(
      { [ANNOTATION_CHANGE_FAILURE_MODE]: 'sometimes' },
      configDefaults,
    );
    expect(settings.changeFailureMode).toBe('pipeline');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(ANNOTATION_CHANGE_FAILURE_MODE);
    expect(problems[0]).toContain('sometimes');
  });

  it('reports an unreadable attribution window and keeps the default', () => {
    const { settings, problems } = resolveSettings(
      { [ANNOTATION_ATTRIBUTION_WINDOW]: 'soon' },
      configDefaults,
    );
    expect(settings.attributionWindowSeconds).toBe(1800);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(ANNOTATION_ATTRIBUTION_WINDOW);
    expect(problems[0]).toContain('soon');
  });

  it('reports every bad annotation at once and still reads the good ones', () => {
    const { settings, problems } = resolveSettings({
      [ANNOTATION_PRODUCTION_ENVIRONMENTS]: '',
      [ANNOTATION_CHANGE_FAILURE_MODE]: 'maybe',
      [ANNOTATION_ATTRIBUTION_WINDOW]: 'later',
      [ANNOTATION_INCIDENT_SOURCE]: 'opsgenie',
    });
    expect(problems).toHaveLength(3);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      incidentSource: 'opsgenie',
    });
  });

  it('takes the incident source pagerduty from a pagerduty.com/service-id annotation', () => {
    expect(
      resolveSettings({ [ANNOTATION_PAGERDUTY_SERVICE_ID]: 'PX1234' }).settings
        .incidentSource,
    ).toBe('pagerduty');
  });

  it('takes the incident source opsgenie from an opsgenie.com/component-selector annotation', () => {
    expect(
      resolveSettings({
        [ANNOTATION_OPSGENIE_COMPONENT_SELECTOR]: 'tag:payments',
      }).settings.incidentSource,
    ).toBe('opsgenie');
  });

  it('prefers dora/incident-source over the tool annotations', () => {
    expect(
      resolveSettings({
        [ANNOTATION_INCIDENT_SOURCE]: 'webhook',
        [ANNOTATION_PAGERDUTY_SERVICE_ID]: 'PX1234',
      }).settings.incidentSource,
    ).toBe('webhook');
  });

  it('keeps the configured incident source when the entity names none', () => {
    expect(
      resolveSettings({}, { ...configDefaults, incidentSource: 'pagerduty' })
        .settings.incidentSource,
    ).toBe('pagerduty');
  });
});

describe('parseAttributionWindow', () => {
  it('reads none (any case) as null, durations as seconds, anything else as undefined', () => {
    expect(parseAttributionWindow('None')).toBeNull();
    expect(parseAttributionWindow('1h')).toBe(3600);
    expect(parseAttributionWindow('30m')).toBe(1800);
    expect(parseAttributionWindow('an hour')).toBeUndefined();
  });
});

describe('parseProductionEnvironments', () => {
  it('splits on commas, trims and drops empty names', () => {
    expect(parseProductionEnvironments('prod,, production-eu ,')).toEqual([
      'prod',
      'production-eu',
    ]);
  });
});
