// The test reads docs/metrics.md from disk; the component never does.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';
import { metricDocsAnchor, metricDocsHref } from './metricDocs';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('metric docs anchors', () => {
  const metricsDoc = readFileSync(
    resolve(__dirname, '../../../../../docs/metrics.md'),
    'utf8',
  );
  const anchors = new Set(
    metricsDoc
      .split('\n')
      .filter(line => /^#{1,6} /.test(line))
      .map(line => githubAnchor(line.replace(/^#+ /, ''))),
  );

  it.each(Object.entries(metricDocsAnchor))(
    'the %s tile links to a real heading of docs/metrics.md (#%s)',
    (_kind, anchor) => {
      expect(anchors).toContain(anchor);
    },
  );

  it('replaces an anchor the configured URL already has', () => {
    expect(metricDocsHref('https://x.example/m.md#top', 'reworkRate')).toBe(
      'https://x.example/m.md#deployment-rework-rate',
    );
  });
});
