// @ts-check

/**
 * Scorecard versions: every API scorecard carries its version (1 on
 * creation, +1 on each update) and who made it; every version's definition
 * is kept (also after the scorecard is deleted), and each result says which
 * version graded it (null for results stored before versions).
 *
 * Existing scorecards become version 1, made by the last actor of their
 * audit list (or `unknown`), at their `updated_at`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_scorecard_versions', table => {
    table.comment('Every version of every API scorecard, kept after deletion');
    table.string('scorecard_id', 63).notNullable();
    table.integer('version').notNullable();
    table.text('definition').notNullable().comment('The scorecard as JSON');
    table.string('changed_by', 512).notNullable();
    table.bigInteger('changed_at').notNullable();
    table.primary(['scorecard_id', 'version']);
  });
  await knex.schema.alterTable('dora_scorecards', table => {
    table.integer('version').notNullable().defaultTo(1);
    table.string('updated_by', 512).nullable();
  });
  await knex.schema.alterTable('dora_scorecard_results', table => {
    table.integer('version').nullable();
  });

  const scorecards = await knex('dora_scorecards').select(
    'id',
    'definition',
    'updated_at',
  );
  for (const scorecard of scorecards) {
    const last = await knex('dora_scorecard_audit')
      .where({ scorecard_id: scorecard.id, subject: 'scorecard' })
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first('actor');
    const actor = last?.actor ?? 'unknown';
    await knex('dora_scorecards')
      .where({ id: scorecard.id })
      .update({ updated_by: actor });
    await knex('dora_scorecard_versions').insert({
      scorecard_id: scorecard.id,
      version: 1,
      definition: scorecard.definition,
      changed_by: actor,
      changed_at: scorecard.updated_at,
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_scorecard_results', table => {
    table.dropColumn('version');
  });
  await knex.schema.alterTable('dora_scorecards', table => {
    table.dropColumn('updated_by');
    table.dropColumn('version');
  });
  await knex.schema.dropTable('dora_scorecard_versions');
};
