// @ts-check

/**
 * Exemptions from scorecard rules, and the audit list of every change to a
 * scorecard or to one of its exemptions. An exemption's `expired` state is
 * computed from `expires_at` when read, never written. Instants are epoch
 * milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_scorecard_exemptions', table => {
    table.comment(
      'Requests to excuse an entity or a group subtree from a rule',
    );
    table.string('id', 63).primary();
    table.string('scorecard_id', 63).notNullable();
    table.string('rule_id', 255).notNullable();
    table.string('scope_kind', 16).notNullable().comment('entity or group');
    table
      .string('scope_ref', 512)
      .notNullable()
      .comment('The entity ref or group ref, lower-cased');
    table.text('reason').notNullable();
    table.bigInteger('expires_at').nullable().comment('Null: until revoked');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved, denied or revoked: the last decision');
    table.string('requested_by', 512).notNullable();
    table.bigInteger('requested_at').notNullable();
    table.string('decided_by', 512).nullable();
    table.bigInteger('decided_at').nullable();
    table.text('decision_note').nullable();
    table.index(
      ['scorecard_id', 'requested_at'],
      'dora_scorecard_exemptions_scorecard_idx',
    );
  });

  await knex.schema.createTable('dora_scorecard_audit', table => {
    table.comment(
      'One row per change to a scorecard or to one of its exemptions',
    );
    table.bigIncrements('id');
    table.string('scorecard_id', 63).notNullable();
    table
      .string('subject', 127)
      .notNullable()
      .comment('scorecard, or exemption:<id>');
    table.string('action', 32).notNullable();
    table.string('actor', 512).notNullable();
    table.bigInteger('at').notNullable();
    table.text('detail').notNullable().comment('What was written, as JSON');
    table.index(
      ['scorecard_id', 'at', 'id'],
      'dora_scorecard_audit_scorecard_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_scorecard_audit');
  await knex.schema.dropTable('dora_scorecard_exemptions');
};
