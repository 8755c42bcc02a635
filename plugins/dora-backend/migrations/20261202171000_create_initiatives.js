// @ts-check

/**
 * Initiatives: goals with a deadline over a scope of the catalog ("80 % of
 * the payments department's services at silver"). Their progress is
 * computed from the events when read, never stored. Instants are epoch
 * milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_initiatives', table => {
    table.comment('Initiatives created through the API');
    table.string('id', 63).primary();
    table
      .text('definition')
      .notNullable()
      .comment('The validated initiative as JSON');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.string('updated_by', 512).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_initiatives');
};
