/**
 * Reads a downloaded CSV file (RFC 4180: commas, CRLF or LF, quoted cells
 * with doubled quotes) into records keyed by the header line, so a test can
 * compare a download with the table and the API without the app's writer.
 */
export function parseCsv(text: string): Array<Record<string, string>> {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = '';
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    lines.push(cells);
  }
  const [header, ...rows] = lines.filter(
    line => line.length > 1 || line[0] !== '',
  );
  if (!header) return [];
  return rows.map(row =>
    Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])),
  );
}

/** The first header matching one of the patterns, in the patterns' order. */
export function findColumn(
  headers: string[],
  patterns: RegExp[],
): string | undefined {
  for (const pattern of patterns) {
    const found = headers.find(header => pattern.test(header));
    if (found) return found;
  }
  return undefined;
}
