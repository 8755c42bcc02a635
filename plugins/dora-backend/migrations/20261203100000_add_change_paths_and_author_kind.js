// @ts-check

/**
 * `paths`: the repository paths a change touched (JSON array; monorepos
 * attribute changes by them). `author_kind`: `bot` or `human` where the
 * source says so (exclusion rules read it). Both nullable: changes stored
 * before this version have neither.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dora_changes', t => {
    t.text('paths').nullable();
    t.string('author_kind', 8).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dora_changes', t => {
    t.dropColumn('paths');
    t.dropColumn('author_kind');
  });
};
