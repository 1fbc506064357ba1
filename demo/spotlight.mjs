// Runs the Spotlight sidecar (trace viewer + envelope receiver) for the demo.
//
// We start it through the package's library entry rather than its `spotlight` CLI because
// the CLI initialises Spotlight's own telemetry, which reports to a host on the internet,
// and the demo keeps every byte on loopback. For the same reason the UI is served with its
// self-telemetry module replaced by an empty one. Spotlight 4.11 has no option to choose
// the interface it listens on, so this process binds every server it opens to loopback.
//
// Usage: node spotlight.mjs [port]   (0 picks a free port; the port is reported over IPC)
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupSpotlight } from '@spotlightjs/spotlight';

const HOST = '127.0.0.1';
const port = Number(process.argv[2] ?? process.env.DEMO_SPOTLIGHT_PORT ?? 8969);

bindToLoopback(net.Server.prototype);

const server = await setupSpotlight({ port, filesToServe: readUi(), isStandalone: true }).catch((error) => {
  console.error(`[spotlight] cannot listen on ${HOST}:${port}: ${error.message}`);
  process.exit(1);
});
if (!server) {
  // setupSpotlight returns nothing when a sidecar already answers on that port.
  console.error(`[spotlight] port ${port} is already taken by another Spotlight sidecar`);
  process.exit(1);
}
const actualPort = server.address().port;
console.log(`[spotlight] listening on http://${HOST}:${actualPort}`);
process.send?.({ ready: 'spotlight', port: actualPort });
// Spotlight closes its server on these signals but leaves timers that keep the process alive.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
// The IPC channel closes when demo/run.mjs exits, however it exits.
process.on('disconnect', () => process.exit(0));

/** The UI files, keyed by the path the sidecar serves them under. */
function readUi() {
  const uiDir = join(dirname(fileURLToPath(import.meta.resolve('@spotlightjs/spotlight'))), '..', 'ui');
  const files = Object.create(null);
  files['index.html'] = readFileSync(join(uiDir, 'index.html'));
  const manifest = JSON.parse(readFileSync(join(uiDir, 'manifest.json'), 'utf8'));
  for (const entry of Object.values(manifest)) {
    if (entry && typeof entry.file === 'string') files[entry.file] = readFileSync(join(uiDir, entry.file));
  }
  // The UI's default-exported telemetry setup posts to Sentry's hosted ingestion.
  files['assets/instrumentation.js'] = Buffer.from('export default function () {}\n');
  return files;
}

/** Makes `listen(port)` and `listen({ port })` without a host listen on loopback only. */
function bindToLoopback(proto) {
  const listen = proto.listen;
  proto.listen = function listenOnLoopback(...args) {
    if (typeof args[0] === 'number') {
      if (typeof args[1] !== 'string') {
        // listen(port[, undefined][, backlog][, callback]): drop an undefined host, insert ours.
        const rest = args.slice(1);
        if (rest[0] === undefined && rest.length > 0) rest.shift();
        args = [args[0], HOST, ...rest];
      }
    } else if (args[0] && typeof args[0] === 'object' && args[0].port !== undefined && !args[0].host) {
      args = [{ ...args[0], host: HOST }, ...args.slice(1)];
    }
    return listen.apply(this, args);
  };
}
