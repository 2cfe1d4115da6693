/**
 * A transparent HTTP proxy in front of the demo, for browser tests that must see, and hold, what
 * a page sends. Playwright's routes miss requests a service worker lets through to the network
 * (microsoft/playwright#7588), so a test whose page has a service worker watches the wire here
 * instead: every request the browser really sends passes through this proxy.
 *
 * Requests are forwarded unchanged (the Host header too, so the server's same-site check sees the
 * proxy's origin on both sides) and answers are streamed back, the live feed included. A request
 * `watch` selects is forwarded at once; its answer is read whole, recorded, then held until the
 * test calls `release()`.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

export interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  readonly body: unknown;
  /** The server's status, recorded before the answer is held. */
  readonly status: number;
}

export interface HoldingProxy {
  /** Where the browser should go instead of the demo. */
  readonly url: string;
  /** The watched requests the server has answered, in the order it answered them. */
  readonly exchanges: readonly Exchange[];
  /** Lets every held answer, and every later one, through to the browser. */
  release(): void;
  close(): Promise<void>;
}

function parsed(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}

export async function startHoldingProxy(
  target: string,
  watch: (method: string, path: string) => boolean,
): Promise<HoldingProxy> {
  const upstream = new URL(target);
  const exchanges: Exchange[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const watched = watch(method, path);
    // The request body is kept for watched requests, and streamed on in every case.
    const requestChunks: Buffer[] = [];
    if (watched) req.on('data', (c: Buffer) => requestChunks.push(c));
    const out = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
        headers: req.headers,
      },
      (answer) => {
        answer.on('error', () => res.destroy());
        if (!watched) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        void (async () => {
          let payload: Buffer;
          try {
            payload = await buffer(answer);
          } catch {
            res.destroy();
            return;
          }
          exchanges.push({
            method,
            path,
            idempotencyKey: (req.headers['idempotency-key'] as string | undefined) ?? null,
            body: parsed(Buffer.concat(requestChunks)),
            status: answer.statusCode ?? 0,
          });
          await released;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(payload);
        })();
      },
    );
    out.on('error', () => res.destroy());
    // The browser went away (a closed page, a dropped live feed): stop asking the server too.
    req.on('error', () => out.destroy());
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
