// The transport floor: an HTTP server that answers `GET /bytes/N` with N bytes it already holds,
// doing no other work. Timing it with the same client and answer sizes as a real endpoint shows
// what loopback HTTP alone costs for those answers on this machine. Run by `startFloorServer`.
import { createServer } from 'node:http';

const MAX = 64 * 1024 * 1024;
const bytes = Buffer.alloc(MAX, 0x20);

const server = createServer((req, res) => {
  const m = /^\/bytes\/(\d+)$/.exec(req.url ?? '');
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 0 && n <= MAX)) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`Ask for /bytes/N with N from 0 to ${MAX}\n`);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': n });
  res.end(bytes.subarray(0, n));
});
server.listen(0, '127.0.0.1', () => {
  console.log(`floor server at http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
