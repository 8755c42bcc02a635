/**
 * Captures the files the page saves (Blob + object URL + `<a download>`):
 * jsdom has no `URL.createObjectURL` and does not download, so both are
 * stubbed and each click records the file's name and its Blob's text.
 */
export interface SavedFile {
  name: string;
  type: string;
  text: Promise<string>;
}

function blobText(blob: Blob): Promise<string> {
  // The Blob may be Node's (no jsdom FileReader for it) or jsdom's (no text()).
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

export function captureDownloads(): SavedFile[] {
  const saved: SavedFile[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  Object.assign(URL, {
    createObjectURL: jest.fn((blob: Blob) => {
      const url = `blob:test/${++next}`;
      blobs.set(url, blob);
      return url;
    }),
    revokeObjectURL: jest.fn((url: string) => blobs.delete(url)),
  });
  jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function click(this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (!blob) throw new Error(`No Blob behind ${this.href}`);
      saved.push({
        name: this.download,
        type: blob.type,
        text: blobText(blob),
      });
    });
  return saved;
}

/** RFC 4180 read back: rows of cells (quotes undone, CRLF or LF line ends). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** A CSV file as objects by header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [headers, ...rows] = parseCsv(text);
  return rows.map(cells =>
    Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])),
  );
}
