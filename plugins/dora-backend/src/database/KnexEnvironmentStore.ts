import { Knex } from 'knex';
import { EnvironmentCount, EnvironmentStore } from './EnvironmentStore';

/** A grouped count over `dora_deployments`: the same SQL on PostgreSQL and SQLite. */
export class KnexEnvironmentStore implements EnvironmentStore {
  constructor(private readonly db: Knex) {}

  async environmentCounts(
    entityRef: string,
    window: { from?: number; to?: number },
  ): Promise<EnvironmentCount[]> {
    const rows: {
      environment: string;
      n: number | string;
      last: number | string;
    }[] = await this.db('dora_deployments')
      .select('environment')
      .count('* as n')
      .max('finished_at as last')
      .where('entity_ref', entityRef.toLocaleLowerCase('en-US'))
      .modify(q => {
        if (window.from !== undefined)
          q.where('finished_at', '>=', window.from);
        if (window.to !== undefined) q.where('finished_at', '<', window.to);
      })
      .groupBy('environment');
    // Sorted here: the databases' collations order names differently.
    return rows
      .map(r => ({
        environment: r.environment,
        deployments: Number(r.n),
        lastDeployedAt: Number(r.last),
      }))
      .sort((a, b) =>
        a.environment < b.environment
          ? -1
          : Number(a.environment > b.environment),
      );
  }
}
