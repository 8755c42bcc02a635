import { compileExclusions, exclusionReason } from './exclusions';

const rules = compileExclusions({
  authors: ['dependabot[bot]', '*-bot'],
  labels: ['dependencies'],
  titles: ['/^chore\\(deps\\)/'],
  bots: false,
}).compiled;

describe('exclusionReason', () => {
  it('names the bot author an exact pattern matched, in any case', () => {
    expect(exclusionReason({ author: 'Dependabot[bot]' }, rules)).toBe(
      'bot author Dependabot[bot]',
    );
  });

  it('matches a glob of author names (*-bot)', () => {
    expect(exclusionReason({ author: 'release-bot' }, rules)).toBe(
      'bot author release-bot',
    );
    expect(exclusionReason({ author: 'robot' }, rules)).toBeNull();
  });

  it('names the label that excluded the change', () => {
    expect(
      exclusionReason(
        { author: 'alice', labels: ['ui', 'Dependencies'] },
        rules,
      ),
    ).toBe('label Dependencies');
  });

  it('names the title pattern that excluded the change', () => {
    expect(
      exclusionReason({ author: 'alice', title: 'chore(deps): bump' }, rules),
    ).toBe('title matches /^chore\\(deps\\)/');
    expect(
      exclusionReason({ author: 'alice', title: 'fix: chore(deps)' }, rules),
    ).toBeNull();
  });

  it('counts a human change no rule names (null)', () => {
    expect(
      exclusionReason(
        {
          author: 'alice',
          labels: ['ui'],
          title: 'Add refunds',
          authorKind: 'bot',
        },
        rules,
      ),
    ).toBeNull();
  });

  it('with bots: true excludes what the source marks as a bot, with or without a login', () => {
    const bots = compileExclusions({
      authors: [],
      labels: [],
      titles: [],
      bots: true,
    }).compiled;
    expect(exclusionReason({ author: 'ci', authorKind: 'bot' }, bots)).toBe(
      'bot author ci',
    );
    expect(exclusionReason({ authorKind: 'bot' }, bots)).toBe('bot author');
    expect(
      exclusionReason({ author: 'ci', authorKind: 'human' }, bots),
    ).toBeNull();
  });

  it('reports a pattern that does not parse and keeps the others', () => {
    const { compiled, problems } = compileExclusions({
      authors: ['/[/', 'renovate[bot]'],
      labels: [],
      titles: [],
      bots: false,
    });
    expect(problems).toHaveLength(1);
    expect(exclusionReason({ author: 'renovate[bot]' }, compiled)).toBe(
      'bot author renovate[bot]',
    );
  });
});
