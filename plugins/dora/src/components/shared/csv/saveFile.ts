import { DateTime } from 'luxon';

/** MIME types of the files the page saves. */
export const CSV_TYPE = 'text/csv;charset=utf-8';
export const JSON_TYPE = 'application/json;charset=utf-8';

/**
 * A name that says what and when: `dora-services-commerce-2026-12-01.csv`.
 * Parts are lower-cased, anything but letters, digits and dots becomes `-`.
 */
export function downloadFileName(
  parts: string[],
  extension: 'csv' | 'json',
  day: string = DateTime.now().toISODate()!,
): string {
  const slug = [...parts, day]
    .map(part =>
      part
        .toLocaleLowerCase('en-US')
        .replace(/[^a-z0-9.]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-');
  return `dora-${slug}.${extension}`;
}

/**
 * Saves text as a file the browser downloads: a Blob behind an object URL,
 * clicked through a temporary `<a download>`; the URL is revoked after.
 */
export function saveTextFile(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    URL.revokeObjectURL(url);
  }
}
