import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { component, group } from '../src/__testUtils__/entities';
import {
  BIG_NAME,
  ORG_DEPARTMENTS,
  ORG_SERVICES_PER_TEAM,
  ORG_TEAMS_PER_DEPARTMENT,
  SCORECARD_ENTITIES,
  SMALL_ENTITIES,
} from './benchConfig';

export const smallName = (i: number) => `service-${String(i).padStart(3, '0')}`;
export const scorecardName = (i: number) => `sc-${String(i).padStart(5, '0')}`;

/** The entity-year `payments-api` and `service-001`.. , owned by one team. */
export function mainCatalog(): Entity[] {
  const entities = [group('main-team'), component(BIG_NAME, {}, 'main-team')];
  for (let i = 1; i <= SMALL_ENTITIES; i++) {
    entities.push(component(smallName(i), {}, 'main-team'));
  }
  return entities;
}

export const ORG_ROOT = 'acme';
const department = (d: number) => `acme-dept-${d + 1}`;
const team = (d: number, t: number) => `acme-team-${d + 1}-${t + 1}`;

/** The organisation: its 31 groups (root first) and its services. */
export interface Organisation {
  groups: string[];
  services: string[];
  entities: Entity[];
}

/**
 * One org group, ORG_DEPARTMENTS departments under it, ORG_TEAMS_PER_DEPARTMENT
 * teams under each, ORG_SERVICES_PER_TEAM services owned by each team.
 */
export function organisation(): Organisation {
  const groups = [ORG_ROOT];
  const services: string[] = [];
  const entities: Entity[] = [
    group(
      ORG_ROOT,
      Array.from({ length: ORG_DEPARTMENTS }, (_, d) => department(d)),
    ),
  ];
  for (let d = 0; d < ORG_DEPARTMENTS; d++) {
    const teams = Array.from({ length: ORG_TEAMS_PER_DEPARTMENT }, (_, t) =>
      team(d, t),
    );
    groups.push(department(d));
    entities.push(group(department(d), teams, ORG_ROOT));
    for (const name of teams) {
      groups.push(name);
      entities.push(group(name, [], department(d)));
      for (let s = 0; s < ORG_SERVICES_PER_TEAM; s++) {
        const service = `acme-svc-${String(services.length + 1).padStart(4, '0')}`;
        services.push(service);
        entities.push(component(service, {}, name));
      }
    }
  }
  return { groups, services, entities };
}

/**
 * The first `count` of the scorecard entities, 100 per team, 10 teams per
 * department; one department overrides a threshold (as the example catalog).
 */
export function scorecardCatalog(count: number): Entity[] {
  const teams = Math.ceil(SCORECARD_ENTITIES / 100);
  const departments = Math.ceil(teams / 10);
  const scTeam = (t: number) => `sc-team-${String(t).padStart(3, '0')}`;
  const scDepartment = (d: number) => `sc-dept-${String(d).padStart(2, '0')}`;
  const entities: Entity[] = [
    group(
      'sc-org',
      Array.from({ length: departments }, (_, d) => scDepartment(d)),
    ),
  ];
  for (let d = 0; d < departments; d++) {
    const children = [];
    for (let t = d * 10; t < Math.min(teams, (d + 1) * 10); t++) {
      children.push(scTeam(t));
      entities.push(group(scTeam(t), [], scDepartment(d)));
    }
    const dept = group(scDepartment(d), children, 'sc-org');
    if (d === 0) {
      dept.metadata.annotations = {
        'dora-scorecards/delivery.pr-size': '600',
        'dora-scorecards/delivery.pr-size.warn': '800',
      };
    }
    entities.push(dept);
  }
  for (let i = 1; i <= count; i++) {
    entities.push(
      component(scorecardName(i), {}, scTeam(Math.floor((i - 1) / 100))),
    );
  }
  return entities;
}

/** The example's "Delivery working agreements" scorecard plus one rule: 10 rules. */
export function benchScorecard(): JsonObject {
  const file = path.resolve(__dirname, '../../../examples/app-config.yaml');
  const example = parseYaml(fs.readFileSync(file, 'utf8'));
  const scorecard = example.dora.scorecards.find(
    (s: { id: string }) => s.id === 'delivery',
  );
  return {
    ...scorecard,
    rules: [
      ...scorecard.rules,
      {
        id: 'reviewed',
        title: 'At most 10 % of pull requests merged without review',
        metric: 'pullRequests.unreviewedRatio',
        operator: '<=',
        threshold: '10%',
        minSampleSize: 5,
        level: 'bronze',
      },
    ],
  };
}
