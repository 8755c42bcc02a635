// @ts-check

/**
 * Monorepos: one change may belong to several entities (each entity whose
 * claimed paths it touched), so a change's row is keyed by
 * (source, id, entity_ref). Deployments and incidents keep (source, id).
 *
 * SQLite cannot alter a primary key in place: the table is rebuilt from its
 * own stored definition (every column it has now), and its indexes are made
 * again.
 */

const TABLE = 'dora_changes';

/**
 * @param {import('knex').Knex} knex
 * @param {string[]} from
 * @param {string[]} to
 */
async function rekey(knex, from, to) {
  const client = String(knex.client.config.client ?? '');
  if (client !== 'pg' && !client.startsWith('postgres')) {
    await rebuildSqlite(knex, from, to);
    return;
  }
  await knex.schema.alterTable(TABLE, t => {
    t.dropPrimary();
    t.primary(to);
  });
}

/**
 * @param {import('knex').Knex} knex
 * @param {string[]} from
 * @param {string[]} to
 */
async function rebuildSqlite(knex, from, to) {
  const quoted = (/** @type {string[]} */ columns) =>
    columns.map(c => `\`${c}\``).join(', ');
  /** @type {{ type: string, sql: string }[]} */
  const definitions = await knex('sqlite_master')
    .select('type', 'sql')
    .where({ tbl_name: TABLE })
    .whereNotNull('sql');
  const table = definitions.find(d => d.type === 'table');
  if (!table) throw new Error(`${TABLE} has no stored definition`);
  const key = `primary key (${quoted(from)})`;
  const at = table.sql.toLowerCase().indexOf(key);
  if (at === -1)
    throw new Error(`${TABLE} is not keyed by (${from.join(', ')})`);
  const next = `${TABLE}_rekeyed`;
  const head = table.sql
    .slice(0, at)
    .replace(
      /^create table [`"]?dora_changes[`"]?/i,
      `create table \`${next}\``,
    );
  const create = `${head}primary key (${quoted(to)})${table.sql.slice(
    at + key.length,
  )}`;
  const indexes = definitions.filter(d => d.type === 'index');
  await knex.raw(create);
  await knex.raw(`insert into \`${next}\` select * from \`${TABLE}\``);
  await knex.schema.dropTable(TABLE);
  await knex.schema.renameTable(next, TABLE);
  for (const index of indexes) await knex.raw(index.sql);
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await rekey(knex, ['source', 'id'], ['source', 'id', 'entity_ref']);
};

/**
 * Keeps one row per (source, id): the one of the first entity by ref.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw(
    `delete from ?? where exists (
       select 1 from ?? o
        where o.source = ??.source and o.id = ??.id
          and o.entity_ref < ??.entity_ref)`,
    [TABLE, TABLE, TABLE, TABLE, TABLE],
  );
  await rekey(knex, ['source', 'id', 'entity_ref'], ['source', 'id']);
};
