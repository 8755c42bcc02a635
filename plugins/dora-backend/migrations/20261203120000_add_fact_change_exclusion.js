// @ts-check

/**
 * `excluded`: why the exclusion rules (bots and automation) leave a change
 * out of lead time, the pull-request metrics and the working agreements,
 * e.g. `bot author dependabot[bot]`; null when it counts. Every entity's
 * settings key is cleared so its facts are rebuilt with the rules once:
 * facts built before this version never decided on exclusions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_fact_changes', t => {
    t.text('excluded').nullable();
  });
  await knex('dora_fact_entities').update({ settings_key: null });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_fact_changes', t => {
    t.dropColumn('excluded');
  });
};
