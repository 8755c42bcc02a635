// @ts-check

/**
 * Webhook delivery ids already received, per source: a second delivery with
 * the same id is a replay and is refused. Rows older than the retention are
 * pruned, so `received_at` is indexed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dora_webhook_deliveries', table => {
    table.comment('Webhook delivery ids already received (replay protection)');
    table.string('source', 64).notNullable();
    table.string('delivery_id', 255).notNullable();
    table.bigInteger('received_at').notNullable();
    table.primary(['source', 'delivery_id']);
    table.index(['received_at'], 'dora_webhook_deliveries_received_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dora_webhook_deliveries');
};
