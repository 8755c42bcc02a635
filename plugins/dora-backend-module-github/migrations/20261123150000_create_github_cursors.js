// @ts-check

/**
 * Where the GitHub collection of each repository stopped, per stream
 * (`pulls`, `deployments`, `runs:<workflow>`), so a restart continues there.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_github_cursors', table => {
    table.comment(
      'Incremental GitHub collection cursors, one per repository and stream',
    );
    table
      .string('repository', 512)
      .notNullable()
      .comment('owner/repo, lower case');
    table.string('stream', 255).notNullable();
    table
      .string('cursor', 64)
      .notNullable()
      .comment(
        'ISO-8601 instant: objects updated/created before it are collected',
      );
    table.bigInteger('updated_at').notNullable().comment('epoch milliseconds');
    table.primary(['repository', 'stream']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_github_cursors');
};
