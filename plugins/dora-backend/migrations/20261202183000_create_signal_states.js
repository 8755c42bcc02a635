// @ts-check

/**
 * The state of each notification signal (an entity's rule, level or metric
 * band, a pull request's heads-up): what the scheduled evaluation last
 * believed, so that a change is sent once. Signal keys hold entity refs and
 * ids and can run long, so the primary key is their SHA-256 (64 hex
 * characters, well within every index limit) and the key itself is kept
 * as text beside it. `revision` lets a writer update a row only if no other
 * evaluation did since it was read. Instants are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_signal_states', table => {
    table.comment('Notification signal states (hysteresis, what was sent)');
    table.string('key_hash', 64).primary().comment('SHA-256 of signal_key');
    table.text('signal_key').notNullable();
    table.string('kind', 32).notNullable();
    table.text('subject_ref').notNullable();
    table.text('state').notNullable().comment('The signal state as JSON');
    table.integer('revision').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_signal_states');
};
