/** A minimal server-sent-events client over node:http, for live-feed tests against a real server. */
import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  /** The last id the stream set, as a browser's EventSource would remember it. */
  lastEventId: string | null = null;
  status = 0;
  #res: IncomingMessage | null = null;
  #buffer = '';
  #waiters: (() => void)[] = [];
  closed = false;

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    await new Promise<void>((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.#res = res;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.#feed(chunk));
        res.on('end', () => client.#end());
        res.on('close', () => client.#end());
        resolve();
      });
      req.on('error', reject);
      req.end();
    });
    return client;
  }

  #end(): void {
    this.closed = true;
    this.#notify();
  }

  #notify(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #feed(chunk: string): void {
    this.#buffer += chunk;
    let index: number;
    while ((index = this.#buffer.indexOf('\n\n')) >= 0) {
      const block = this.#buffer.slice(0, index);
      this.#buffer = this.#buffer.slice(index + 2);
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (id !== null) this.lastEventId = id;
      if (data.length > 0) this.events.push({ id, event, data: data.join('\n') });
    }
    this.#notify();
  }

  /** Parsed `change` events. */
  changes<
    T = { seq: number; entity: string; entityId: string; record: Record<string, unknown> },
  >(): T[] {
    return this.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data) as T);
  }

  /** Waits until `predicate` holds, or fails after `ms`. */
  async until(predicate: (c: SseClient) => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out; got ${this.events.length} events, closed=${this.closed}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#res?.destroy();
    this.closed = true;
  }
}
