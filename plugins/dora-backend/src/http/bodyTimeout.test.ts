import { mockCredentials } from '@backstage/backend-test-utils';
import net from 'net';
import { AddressInfo } from 'net';
import { startDoraBackend } from '../__testUtils__/startDoraBackend';
import { doraTestDatabases } from '../testUtils';

jest.setTimeout(30_000);

const databases = doraTestDatabases();

/** Sends raw bytes and resolves with everything the server answered before closing. */
function rawExchange(
  port: number,
  head: string,
  body: string,
): Promise<{ text: string; elapsedMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(head + body);
    });
    let text = '';
    socket.on('data', chunk => {
      text += chunk.toString('utf8');
    });
    socket.on('close', () =>
      resolve({ text, elapsedMs: Date.now() - started }),
    );
    socket.on('error', reject);
    socket.setTimeout(20_000, () => {
      socket.destroy();
      reject(new Error('the server kept the connection open'));
    });
  });
}

describe.each(databases.eachSupportedId())(
  'request bodies that do not arrive, on %s',
  databaseId => {
    let port: number;

    beforeAll(async () => {
      const server = await startDoraBackend({
        knex: await databases.init(databaseId),
        config: {
          dora: {
            ingest: { bodyTimeout: { minSeconds: 0.5, secondsPerMiB: 0 } },
          },
        },
      });
      port = (server.address() as AddressInfo).port;
    });

    const post = (path: string, contentLength: number) =>
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\n` +
      `Authorization: ${mockCredentials.service.header()}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;

    it('a stalled ingest body is cut with 408 and its connection closed, within the body timeout', async () => {
      const { text, elapsedMs } = await rawExchange(
        port,
        post('/api/dora/v1/events', 500),
        '{"events":[',
      );
      expect(text).toMatch(/^HTTP\/1\.1 408/);
      expect(text).toContain('RequestTimeoutError');
      expect(elapsedMs).toBeLessThan(10_000);
    });

    it('a declared size over the limit is refused with 413 at once and the connection closed', async () => {
      const { text, elapsedMs } = await rawExchange(
        port,
        post('/api/dora/v1/events', 999_999_999),
        '{"events":[]}'.padEnd(20, ' '),
      );
      expect(text).toMatch(/^HTTP\/1\.1 413/);
      expect(elapsedMs).toBeLessThan(10_000);
    });
  },
);
