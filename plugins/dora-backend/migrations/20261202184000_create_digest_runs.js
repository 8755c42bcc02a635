// @ts-check

/**
 * The weekly digests sent: one row per team and ISO week, inserted before
 * sending as the claim, so that two runs (or two replicas) send a team's
 * digest once a week. Instants are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_digest_runs', table => {
    table.comment('Weekly digests claimed (and sent) per team and ISO week');
    table
      .string('team_ref', 512)
      .notNullable()
      .comment('The owning group, lower-cased entity ref');
    table
      .bigInteger('week_start')
      .notNullable()
      .comment('Monday 00:00 UTC of the ISO week');
    table.bigInteger('claimed_at').notNullable();
    table.primary(['team_ref', 'week_start']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_digest_runs');
};
