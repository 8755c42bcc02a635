// @ts-check

/**
 * `excluded`: why the exclusion rules (bots and automation) leave a change
 * out of lead time, the pull-request metrics and the working agreements,
 * e.g. `bot author dependabot[bot]`; null when it counts. Facts built
 * before this version need no rebuild: they were built without rules (null
 * is right for them), and an entity with rules has another settings key,
 * which rebuilds its facts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_fact_changes', t => {
    t.text('excluded').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_fact_changes', t => {
    t.dropColumn('excluded');
  });
};
