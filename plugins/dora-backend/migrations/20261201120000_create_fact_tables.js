// @ts-check

/**
 * Facts: what the engine derives from an entity's whole history, kept per
 * entity so that a read aggregates facts instead of re-deriving them.
 *
 * - dora_fact_entities: one row per entity with events. `generation` grows
 *   with every write to the entity's events (in the same transaction);
 *   facts are current when `built_generation` equals it and they were built
 *   with the entity's current settings (`settings_key`). A replica that
 *   rebuilds an entity holds a lease (`lease_owner`, `lease_until`).
 * - dora_fact_deployments, dora_fact_changes, dora_fact_incidents: one row
 *   per event (per merge in pull-request mode), keyed by the event, with how
 *   it counts. A rebuild rewrites only the rows that changed. Durations are seconds as the engine
 *   computes them (double precision), so a read gives the engine's numbers
 *   to the last bit.
 *
 * Entities that already have events get a stale row, so the facts of an
 * existing installation are built in the background after the upgrade.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_fact_entities', table => {
    table.comment('Per-entity state of the facts: generation, settings, lease');
    table.string('entity_ref', 512).notNullable().primary();
    table.bigInteger('generation').notNullable().defaultTo(1);
    table.bigInteger('built_generation').nullable();
    table.text('settings_key').nullable();
    table.bigInteger('computed_at').nullable();
    table.string('mode', 16).nullable();
    table.string('change_failure_mode', 16).nullable();
    table.boolean('has_incident_source').nullable();
    table.integer('event_count').nullable();
    table.text('non_production_environments').nullable().comment('JSON array');
    table.string('lease_owner', 64).nullable();
    table.bigInteger('lease_until').nullable();
    table.index(['built_generation'], 'dora_fact_entities_built_idx');
  });

  await knex.schema.createTable('dora_fact_deployments', table => {
    table.comment('One row per deployment (per merge in pull-request mode)');
    table.string('entity_ref', 512).notNullable();
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.bigInteger('at').notNullable();
    table.string('environment', 255).notNullable();
    table.string('run_status', 16).notNullable();
    table.boolean('from_merge').notNullable();
    table.string('status', 16).notNullable();
    table.text('failure_signals').nullable().comment('JSON array; null = none');
    table.text('incident_ids').nullable().comment('JSON array; null = none');
    table.boolean('rework').notNullable();
    table.text('shipped_change_ids').nullable().comment('JSON array');
    table.bigInteger('recovered_at').nullable();
    table.double('recovery_seconds').nullable();
    table.primary(['entity_ref', 'source', 'id']);
    table.index(['entity_ref', 'at'], 'dora_fact_deployments_at_idx');
    table.index(
      ['entity_ref', 'recovered_at'],
      'dora_fact_deployments_recovered_idx',
    );
  });

  await knex.schema.createTable('dora_fact_changes', table => {
    table.comment('One row per change: lead time and pull-request figures');
    table.string('entity_ref', 512).notNullable();
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.bigInteger('merged_at').nullable();
    table.string('shipped_source', 255).nullable();
    table.string('shipped_id', 255).nullable();
    table.bigInteger('shipped_at').nullable();
    table.string('lead_time_start', 16).nullable();
    table.double('lead_time_seconds').nullable();
    table.string('lead_time_excluded', 16).nullable();
    table.double('coding').nullable();
    table.double('pickup').nullable();
    table.double('review').nullable();
    table.double('deploy').nullable();
    table.double('time_to_first_review').nullable();
    table.double('time_to_merge').nullable();
    table.double('size').nullable();
    table.integer('review_count').nullable();
    table.text('reverted_by').nullable().comment('JSON array; null = none');
    table.primary(['entity_ref', 'source', 'id']);
    table.index(['entity_ref', 'merged_at'], 'dora_fact_changes_merged_idx');
    table.index(['entity_ref', 'shipped_at'], 'dora_fact_changes_shipped_idx');
  });

  await knex.schema.createTable('dora_fact_incidents', table => {
    table.comment('One row per incident, with the deployments it failed');
    table.string('entity_ref', 512).notNullable();
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.text('failed_deployment_ids').nullable().comment('JSON array');
    table.primary(['entity_ref', 'source', 'id']);
    table.index(['entity_ref', 'opened_at'], 'dora_fact_incidents_opened_idx');
    table.index(
      ['entity_ref', 'resolved_at'],
      'dora_fact_incidents_resolved_idx',
    );
  });

  // Existing events: their entities start stale and are built in the background.
  const existing = knex
    .select('entity_ref')
    .from('dora_deployments')
    .union(q => q.select('entity_ref').from('dora_changes'))
    .union(q => q.select('entity_ref').from('dora_incidents'));
  await knex
    .insert(q => q.select('entity_ref').from(existing.as('refs')))
    .into(knex.raw('?? (??)', ['dora_fact_entities', 'entity_ref']));
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_fact_incidents');
  await knex.schema.dropTable('dora_fact_changes');
  await knex.schema.dropTable('dora_fact_deployments');
  await knex.schema.dropTable('dora_fact_entities');
};
