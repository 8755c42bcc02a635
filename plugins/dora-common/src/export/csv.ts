/**
 * CSV as RFC 4180 writes it (comma, CRLF, double quotes doubled), shared by
 * the backend's `text/csv` answers and the frontend's downloads so a table
 * downloads the same from both.
 */

/** One column: its header and how a row gives its cell. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
 * the start) gets a leading apostrophe: a title like `=HYPERLINK(...)` stays
 * text. Numbers are written as numbers, negative ones included.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: empty for null, numbers and booleans as written, arrays joined by `; `, objects as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  if (typeof value === 'boolean') return String(value);
  let text: string;
  if (Array.isArray(value)) {
    text = value
      .map(item =>
        item !== null && typeof item === 'object'
          ? JSON.stringify(item)
          : String(item ?? ''),
      )
      .join('; ');
  } else if (typeof value === 'object') {
    text = JSON.stringify(value);
  } else {
    text = String(value);
  }
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: a header line, then one line per row, CRLF-ended. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [
    columns.map(column => csvCell(column.header)).join(','),
    ...rows.map(row =>
      columns.map(column => csvCell(column.value(row))).join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A nested object as one row: `{ leadTime: { median: 1 } }` becomes
 * `{ 'leadTime.median': 1 }`. Arrays stay whole (one cell).
 */
export function flattenRow(
  value: Record<string, unknown>,
  prefix = '',
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      Object.assign(row, flattenRow(inner as Record<string, unknown>, name));
    } else {
      row[name] = inner;
    }
  }
  return row;
}

/**
 * Objects as a CSV table: every key of every flattened row is a column, in
 * the order first seen; a row without a key leaves its cell empty.
 */
export function objectsToCsv(objects: Record<string, unknown>[]): string {
  const rows = objects.map(object => flattenRow(object));
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        headers.push(key);
      }
    }
  }
  return toCsv<Record<string, unknown>>(
    headers.map(header => ({ header, value: row => row[header] })),
    rows,
  );
}
