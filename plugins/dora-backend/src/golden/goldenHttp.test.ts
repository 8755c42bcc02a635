import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ANNOTATION_ATTRIBUTION_WINDOW,
  ANNOTATION_CHANGE_FAILURE_MODE,
  ANNOTATION_EXCLUDED_DEPLOYMENTS,
  ANNOTATION_EXCLUDE_AUTHORS,
  ANNOTATION_EXCLUDE_BOTS,
  ANNOTATION_EXCLUDE_LABELS,
  ANNOTATION_EXCLUDE_TITLES,
  ANNOTATION_INCIDENT_SOURCE,
  ANNOTATION_PRODUCTION_ENVIRONMENTS,
} from '@dora-metrics/plugin-dora-common';
import {
  GoldenFixture,
  goldenFixtureFiles,
  goldenMismatches,
  readFixture,
} from '@dora-metrics/plugin-dora-common/testUtils';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import {
  startDoraBackend,
  waitForFacts,
} from '../__testUtils__/startDoraBackend';
import { doraTestDatabases } from '../testUtils';

jest.setTimeout(120_000);

const databases = doraTestDatabases();
const fixtures = goldenFixtureFiles().map(readFixture);

/** Each fixture gets its own entity, so fixtures cannot see each other's events. */
const entityName = (index: number) => `golden-${index}`;
const entityRefOf = (index: number) => `component:default/${entityName(index)}`;

function annotationsOf(fixture: GoldenFixture): Record<string, string> {
  const { context } = fixture;
  const annotations: Record<string, string> = {};
  if (context.productionEnvironments) {
    annotations[ANNOTATION_PRODUCTION_ENVIRONMENTS] =
      context.productionEnvironments.join(',');
  }
  if (context.changeFailureMode) {
    annotations[ANNOTATION_CHANGE_FAILURE_MODE] = context.changeFailureMode;
  }
  if (context.attributionWindow !== undefined) {
    const window = context.attributionWindow;
    let text = typeof window === 'number' ? `${window}s` : window;
    if (window === null) text = 'none';
    annotations[ANNOTATION_ATTRIBUTION_WINDOW] = text!;
  }
  if (context.incidentSource) {
    annotations[ANNOTATION_INCIDENT_SOURCE] = 'golden-fixture';
  }
  const exclusions = context.exclusions ?? {};
  const lists = [
    [ANNOTATION_EXCLUDE_AUTHORS, exclusions.authors],
    [ANNOTATION_EXCLUDE_LABELS, exclusions.labels],
    [ANNOTATION_EXCLUDE_TITLES, exclusions.titles],
  ] as const;
  for (const [annotation, patterns] of lists) {
    if (patterns?.length) annotations[annotation] = patterns.join(',');
  }
  if (exclusions.bots !== undefined) {
    annotations[ANNOTATION_EXCLUDE_BOTS] = String(exclusions.bots);
  }
  if (context.excludedDeployments) {
    annotations[ANNOTATION_EXCLUDED_DEPLOYMENTS] = context.excludedDeployments;
  }
  return annotations;
}

/**
 * Monorepo cases (`context.catalog`): the fixture's catalog entities, their
 * names and repository prefixed by the fixture's, so fixtures stay apart.
 */
const prefixed = (index: number, name: string) =>
  `${entityName(index)}-${name}`;
const prefixedRef = (index: number, ref: string) =>
  ref.replace(/[^/:]+$/, name => prefixed(index, name));
const prefixedRepository = (index: number, repository: string) =>
  `${entityName(index)}/${repository}`;

function catalogEntitiesOf(fixture: GoldenFixture, index: number) {
  return (fixture.context.catalog ?? []).map(entity => {
    const annotations = { ...annotationsOf(fixture), ...entity.annotations };
    const slug = annotations['github.com/project-slug'];
    if (slug) {
      annotations['github.com/project-slug'] = prefixedRepository(index, slug);
    }
    const name = entity.entityRef.replace(/^.*\//, '');
    return component(prefixed(index, name), annotations);
  });
}

/** A catalog fixture's event as sent: its refs and repository prefixed. */
function catalogEventOf(event: object, index: number): object {
  const { entityRef, repository } = event as {
    entityRef?: string;
    repository?: string;
  };
  return {
    ...event,
    ...(entityRef ? { entityRef: prefixedRef(index, entityRef) } : {}),
    ...(repository
      ? { repository: prefixedRepository(index, repository) }
      : {}),
  };
}

describe.each(databases.eachSupportedId())(
  'golden cases through the HTTP API on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startDoraBackend>>;

    beforeAll(async () => {
      server = await startDoraBackend({
        knex: await databases.init(databaseId),
        entities: fixtures.flatMap((fixture, index) => [
          component(entityName(index), annotationsOf(fixture)),
          ...catalogEntitiesOf(fixture, index),
        ]),
      });
    });

    it.each(fixtures.map((f, i) => [f.name, f, i] as const))(
      '%s',
      async (_name, fixture, index) => {
        const catalog = fixture.context.catalog !== undefined;
        const entityRef = catalog
          ? prefixedRef(index, fixture.request.entityRef)
          : entityRefOf(index);
        const events = fixture.events.map(event =>
          catalog
            ? catalogEventOf(event as object, index)
            : { ...(event as object), entityRef },
        );
        const ingested = await request(server)
          .post('/api/dora/v1/events')
          .set('Authorization', mockCredentials.service.header())
          .send({ events });
        expect(ingested.status).toBe(200);
        expect(ingested.body).toEqual({ accepted: events.length });

        const read = () =>
          request(server)
            .get('/api/dora/v1/metrics')
            .set('Authorization', mockCredentials.user.header())
            .query({
              entityRef,
              from: fixture.request.from,
              to: fixture.request.to,
              timezone: fixture.request.timezone ?? 'UTC',
            });
        // Right after the write (read your writes, whether or not the
        // facts are built yet), then from the built facts.
        const first = await read();
        expect(first.status).toBe(200);
        expect(goldenMismatches(fixture, first.body)).toEqual([]);
        await waitForFacts(server);
        const fromFacts = await read();
        expect(fromFacts.body.computedFrom).toBe('facts');
        expect(goldenMismatches(fixture, fromFacts.body)).toEqual([]);
      },
    );
  },
);
