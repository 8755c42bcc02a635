// @ts-check

/**
 * The three event tables. Instants are epoch milliseconds (bigint): the same
 * on PostgreSQL and SQLite, cheap to compare and to hand to the engine.
 * Each event is unique per (source, id) within its kind.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_deployments', table => {
    table.comment('Deployment events, one row per (source, id)');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('environment', 255).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').notNullable();
    table.string('version', 255).nullable();
    table.string('commit_sha', 255).nullable();
    table.text('change_ids').nullable().comment('JSON array; null = inferred');
    table.string('rollback_of', 255).nullable();
    table.string('deployment_kind', 16).notNullable().defaultTo('normal');
    table.bigInteger('ingested_at').notNullable();
    table.primary(['source', 'id']);
    table.index(
      ['entity_ref', 'finished_at'],
      'dora_deployments_entity_finished_idx',
    );
  });

  await knex.schema.createTable('dora_changes', table => {
    table.comment(
      'Change events (pull requests, direct commits), one row per (source, id)',
    );
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('repository', 512).nullable();
    table.integer('number').nullable();
    table.text('title').nullable();
    table.string('author', 255).nullable();
    table.bigInteger('first_commit_at').nullable();
    table.bigInteger('opened_at').nullable();
    table.bigInteger('first_review_at').nullable();
    table.bigInteger('approved_at').nullable();
    table.bigInteger('merged_at').nullable();
    table.string('merge_commit_sha', 255).nullable();
    table.integer('additions').nullable();
    table.integer('deletions').nullable();
    table.integer('review_count').nullable();
    table.string('revert_of', 255).nullable();
    table.text('labels').nullable().comment('JSON array');
    table.bigInteger('ingested_at').notNullable();
    table.primary(['source', 'id']);
    table.index(['entity_ref', 'merged_at'], 'dora_changes_entity_merged_idx');
    table.index(['entity_ref', 'id'], 'dora_changes_entity_id_idx');
  });

  await knex.schema.createTable('dora_incidents', table => {
    table.comment('Incident events, one row per (source, id)');
    table.string('source', 255).notNullable();
    table.string('id', 255).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('service_id', 255).nullable();
    table.text('title').nullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.string('severity', 64).nullable();
    table.string('deployment_id', 255).nullable();
    table.string('change_id', 255).nullable();
    table.boolean('caused_by_deployment').nullable();
    table.bigInteger('ingested_at').notNullable();
    table.primary(['source', 'id']);
    table.index(
      ['entity_ref', 'opened_at'],
      'dora_incidents_entity_opened_idx',
    );
    table.index(
      ['entity_ref', 'resolved_at'],
      'dora_incidents_entity_resolved_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_incidents');
  await knex.schema.dropTable('dora_changes');
  await knex.schema.dropTable('dora_deployments');
};
