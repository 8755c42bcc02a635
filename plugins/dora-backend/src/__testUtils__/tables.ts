import { Knex } from 'knex';

/** The tables that hold events and the facts kept from them. */
export const EVENT_AND_FACT_TABLES = [
  'dora_deployments',
  'dora_changes',
  'dora_incidents',
  'dora_fact_entities',
  'dora_fact_deployments',
  'dora_fact_changes',
  'dora_fact_incidents',
];

/** Empties them, so each test starts from no events and no facts. */
export async function emptyEventsAndFacts(knex: Knex): Promise<void> {
  for (const table of EVENT_AND_FACT_TABLES) await knex(table).delete();
}
