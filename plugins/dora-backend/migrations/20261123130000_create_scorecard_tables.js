// @ts-check

/**
 * Scorecards created through the API, and every evaluation result (the
 * history behind trends). Instants are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_scorecards', table => {
    table.comment(
      'Scorecards created through the API (app-config ones are not stored)',
    );
    table.string('id', 63).primary();
    table.text('definition').notNullable().comment('The scorecard as JSON');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('dora_scorecard_results', table => {
    table.comment('One row per scorecard, entity and evaluation run');
    table.string('scorecard_id', 63).notNullable();
    table.string('entity_ref', 512).notNullable();
    table.bigInteger('evaluated_at').notNullable();
    table.string('level', 63).nullable();
    table.text('result').notNullable().comment('The rule results as JSON');
    table.primary(['scorecard_id', 'entity_ref', 'evaluated_at']);
    table.index(
      ['entity_ref', 'evaluated_at'],
      'dora_scorecard_results_entity_idx',
    );
    table.index(['evaluated_at'], 'dora_scorecard_results_evaluated_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_scorecard_results');
  await knex.schema.dropTable('dora_scorecards');
};
