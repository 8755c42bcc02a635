// @ts-check

/**
 * `dirty_from`: the earliest instant of an entity's history that writes
 * changed since its facts were last built (the instant of an event's new
 * version and of the version it replaced). A rebuild recomputes the facts
 * from there on (less what the rules look back) instead of the whole
 * history. Null when nothing is recorded: a stale entity without it is
 * rebuilt whole, as every entity was before this version.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_fact_entities', table => {
    table.bigInteger('dirty_from').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_fact_entities', table => {
    table.dropColumn('dirty_from');
  });
};
