// @ts-check

/**
 * Where the GitLab collection of each project stopped, per stream
 * (`merge_requests`, `deployments`, `jobs:<name>`), so a restart continues there.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_gitlab_cursors', table => {
    table.comment(
      'Incremental GitLab collection cursors, one per project and stream',
    );
    table
      .string('project', 512)
      .notNullable()
      .comment('the numeric GitLab project id');
    table.string('stream', 255).notNullable();
    table
      .string('cursor', 64)
      .notNullable()
      .comment('ISO-8601 instant: objects updated before it are collected');
    table.bigInteger('updated_at').notNullable().comment('epoch milliseconds');
    table.primary(['project', 'stream']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_gitlab_cursors');
};
