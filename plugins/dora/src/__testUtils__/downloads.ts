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

/** Saved files are read back with the package's own CSV reader. */
export {
  parseCsv,
  parseCsvRecords as csvRecords,
} from '@dora-metrics/plugin-dora-common';
