import { ConfigReader } from '@backstage/config';
import { readWebhookMaxAgeMs, readWebhookSecrets } from './webhookConfig';

const HOUR = 3_600_000;

function config(webhooks: object) {
  return new ConfigReader({ dora: { webhooks } });
}

describe('readWebhookSecrets', () => {
  const options = { key: 'secrets', description: 'signing secret' };

  it('returns every secret listed, in order', () => {
    const root = config({ pagerduty: { secrets: ['old', 'new'] } });
    expect(readWebhookSecrets(root, 'pagerduty', options)).toEqual([
      'old',
      'new',
    ]);
  });

  it('refuses an empty list', () => {
    const root = config({ pagerduty: { secrets: [] } });
    expect(() => readWebhookSecrets(root, 'pagerduty', options)).toThrow(
      'dora.webhooks.pagerduty.secrets must list at least one non-empty signing secret',
    );
  });

  it('refuses keys shorter than minLength, naming the length', () => {
    const keyOptions = {
      key: 'integrationKeys',
      description: 'key',
      minLength: 16,
    };
    const root = config({
      opsgenie: { integrationKeys: ['0123456789abcdef', 'too-short'] },
    });
    expect(() => readWebhookSecrets(root, 'opsgenie', keyOptions)).toThrow(
      'dora.webhooks.opsgenie.integrationKeys must list at least one key of 16 or more characters',
    );
    expect(
      readWebhookSecrets(
        config({ opsgenie: { integrationKeys: ['0123456789abcdef'] } }),
        'opsgenie',
        keyOptions,
      ),
    ).toEqual(['0123456789abcdef']);
  });

  it('throws when the source is not configured or the key is missing', () => {
    expect(() => readWebhookSecrets(config({}), 'github', options)).toThrow(
      "Missing required config value at 'dora.webhooks.github'",
    );
    expect(() =>
      readWebhookSecrets(config({ github: {} }), 'github', options),
    ).toThrow(
      "Missing required config value at 'dora.webhooks.github.secrets'",
    );
  });
});

describe('readWebhookMaxAgeMs', () => {
  it("prefers the source's own maxAge, then dora.webhooks.maxAge, then the default", () => {
    expect(
      readWebhookMaxAgeMs(
        config({ maxAge: '2h', github: { maxAge: '30m' } }),
        'github',
        '3d',
      ),
    ).toBe(HOUR / 2);
    expect(
      readWebhookMaxAgeMs(config({ maxAge: '2h', github: {} }), 'github', '3d'),
    ).toBe(2 * HOUR);
    expect(readWebhookMaxAgeMs(config({ github: {} }), 'github', '3d')).toBe(
      72 * HOUR,
    );
    expect(readWebhookMaxAgeMs(config({}), 'pagerduty', '1h')).toBe(HOUR);
  });

  it.each(['soon', '0h', '-1h'])(
    'refuses %s, giving the default as an example',
    maxAge => {
      expect(() =>
        readWebhookMaxAgeMs(config({ github: { maxAge } }), 'github', '3d'),
      ).toThrow(
        `dora.webhooks.github.maxAge must be a duration such as 3d, got "${maxAge}"`,
      );
      expect(() =>
        readWebhookMaxAgeMs(config({ maxAge }), 'opsgenie', '1h'),
      ).toThrow(
        `dora.webhooks.opsgenie.maxAge must be a duration such as 1h, got "${maxAge}"`,
      );
    },
  );
});
