// Small helpers shared by the two Node services of the demo.
import * as Sentry from '@sentry/node';

export const HOST = '127.0.0.1';

/** Sends `body` as JSON with the given status. */
export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a JSON request body of at most 64 KiB; an empty body reads as `{}`. */
export async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65536) throw new Error('request body too large');
  }
  return text ? JSON.parse(text) : {};
}

/**
 * Listens on loopback, tells the parent process (demo/run.mjs) the port over IPC, and stops
 * on SIGINT/SIGTERM or when the parent goes away, sending what the SDK still holds first.
 */
export function serveUntilStopped(server, { name, port }) {
  server.on('error', (error) => {
    console.error(`[${name}] cannot listen on ${HOST}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, HOST, () => {
    const actual = server.address().port;
    console.log(`[${name}] listening on http://${HOST}:${actual}`);
    process.send?.({ ready: name, port: actual });
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    await Sentry.close(2000);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The IPC channel closes when demo/run.mjs exits, however it exits.
  process.on('disconnect', stop);
}
