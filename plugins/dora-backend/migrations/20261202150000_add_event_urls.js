// @ts-check

/**
 * `url`: an optional link to the event in its tool (the pull request, the
 * workflow run or deployment status, the incident page), shown by the
 * drill-down. Nullable: events stored before this version have none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of ['dora_deployments', 'dora_changes', 'dora_incidents']) {
    await knex.schema.alterTable(table, t => {
      t.string('url', 2048).nullable();
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of ['dora_deployments', 'dora_changes', 'dora_incidents']) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('url');
    });
  }
};
