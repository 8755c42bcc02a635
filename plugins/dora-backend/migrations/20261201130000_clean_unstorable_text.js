// @ts-check

/**
 * Values that both databases cannot store alike are refused at ingestion
 * since this version (NUL characters, unpaired UTF-16 surrogates). Before,
 * they could reach the JSON lists of deployments (`change_ids`) and changes
 * (`labels`), where PostgreSQL keeps them as JSON escapes that later
 * queries cannot use. This replaces each such character with U+FFFD in
 * those lists. It cannot be undone (the characters are gone): `down` does
 * nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const nul = String.fromCharCode(0);
  const loneSurrogate =
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  const clean = (/** @type {string} */ text) => {
    const list = JSON.parse(text);
    if (!Array.isArray(list)) return text;
    return JSON.stringify(
      list.map(item =>
        typeof item === 'string'
          ? item.split(nul).join('\uFFFD').replace(loneSurrogate, '\uFFFD')
          : item,
      ),
    );
  };
  for (const [table, column] of [
    ['dora_deployments', 'change_ids'],
    ['dora_changes', 'labels'],
  ]) {
    // JSON.stringify writes these characters as \u escapes.
    const rows = await knex(table)
      .select('source', 'id', column)
      .where(column, 'like', '%\\u0000%')
      .orWhere(column, 'like', '%\\ud%')
      .orWhere(column, 'like', '%\\uD%');
    for (const row of rows) {
      const cleaned = clean(row[column]);
      if (cleaned !== row[column]) {
        await knex(table)
          .where({ source: row.source, id: row.id })
          .update({ [column]: cleaned });
      }
    }
  }
};

/** @param {import('knex').Knex} _knex */
exports.down = async function down(_knex) {
  // The replaced characters are not kept: nothing to restore.
};
