// Turns results.json's figures into the markdown block printed by `npm run bench` and kept
// in bench/README.md: one table, the per-shape table, the versions measured, and the targets
// met or missed.
import { SHAPES } from './shapes.mjs';

const PEERS = ['sentry', 'otel', 'elastic'];
// The rows and peer columns in print order: tracewire with `otlp` sits beside OpenTelemetry's set-up,
// which does the same job; it is not a peer, so the targets leave it out.
const ORDER = ['tracewire', 'sentry', 'tracewire-otlp', 'otel', 'elastic'];

const kb = (bytes) => (bytes === undefined ? '—' : (bytes / 1000).toFixed(1));
const us = (value) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(1) : '—');
const ms = (value) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : '—');
const mb = (bytes) => (typeof bytes === 'number' && Number.isFinite(bytes) ? (bytes / 1e6).toFixed(2) : '—');
const ratio = (value) => (typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

/** A growth ratio reads as flat within 20 % or 1 µs (two cores make sub-µs noise common). */
function isFlat(at100, at1000) {
  return at1000 - at100 <= Math.max(0.2 * Math.abs(at100), 1);
}

function evaluateTargets(results) {
  const tw = results.setups.tracewire;
  if (!tw) return [];
  const peers = PEERS.map((id) => results.setups[id]).filter(Boolean);
  const targets = [];
  const cdn = results.cdn?.gzipBytes;
  const smallestPeer = Math.min(...peers.map((p) => p.size.gzipBytes));
  const versusPeers = peers.length ? ` (smallest peer set-up ${kb(smallestPeer)} kB, ${ratio(smallestPeer / cdn)} larger)` : '';
  targets.push({
    name: 'CDN bundle (the file that runs before init) at most 10 kB gzip',
    measured: cdn === undefined ? 'no CDN bundle' : `${kb(cdn)} kB${versusPeers}`,
    met: cdn !== undefined && cdn <= 10000,
  });
  const own = tw.requests.cpu[100];
  targets.push({
    name: 'at most 10 µs added per request',
    measured: `${us(own)} µs`,
    met: own <= 10,
  });
  if (peers.length) {
    const cheapest = peers.reduce((a, b) => (a.requests.cpu[100] <= b.requests.cpu[100] ? a : b));
    const factor = cheapest.requests.cpu[100] / Math.max(own, 0.01);
    targets.push({
      name: 'at least 20× below the cheapest peer per request',
      measured: `${ratio(factor)} below ${cheapest.label} (${us(cheapest.requests.cpu[100])} µs)`,
      met: factor >= 20,
    });
  }
  targets.push({
    name: 'per-request cost flat from 100 to 1000 spans',
    measured: `${us(tw.requests.cpu[100])} → ${us(tw.requests.cpu[1000])} µs (${ratio(tw.growthRatio)})`,
    met: isFlat(tw.requests.cpu[100], tw.requests.cpu[1000]),
  });
  const cdnStartup = results.cdn?.startup;
  targets.push({
    name: 'init under 2 ms',
    measured:
      `${ms(tw.startup.initMs)} ms (bundle evaluation + init ${ms(tw.startup.totalMs)} ms)` +
      (cdnStartup ? `; CDN bundle by script tag: ${ms(cdnStartup.initMs)} ms (page load + init ${ms(cdnStartup.totalMs)} ms)` : ''),
    met: tw.startup.initMs < 2,
  });
  targets.push({
    name: 'heap growth after 1000 navigations under 1 MB',
    measured: `${mb(tw.memory.growthVsBaseline)} MB over the baseline`,
    met: tw.memory.growthVsBaseline < 1e6,
  });
  return targets;
}

/** Half the interquartile range of a list of figures, as "±x.x"; empty for fewer than four. */
function spread(values) {
  if (!values || values.length < 4) return '';
  const sorted = [...values].sort((a, b) => a - b);
  const q = (f) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(f * (sorted.length - 1))))];
  return `±${((q(0.75) - q(0.25)) / 2).toFixed(1)}`;
}

/**
 * The per-shape table (what each request shape costs, per call, over the no-SDK page making the
 * same call) and tracewire's per-shape targets. `labels`: set-up id → label.
 */
export function renderShapes({ shapes, labels }) {
  const at = (setup, shape, docs) => shapes.rows[`${setup}/${shape}/${docs ? 'docs' : 'default'}`]?.addedUs;
  const pages = (setup, shape) => shapes.rows[`${setup}/${shape}/docs`]?.pageMediansUs;
  const inFetch = (setup, shape) => shapes.rows[`${setup}/${shape}/docs`]?.fetchOwnUs;
  // Measured on the headers record only: the peers, and tracewire with `otlp` beside OpenTelemetry.
  const columns = ORDER.filter((id) => id !== 'tracewire' && at(id, 'record', false) !== undefined);
  const peers = PEERS.filter((id) => at(id, 'record', false) !== undefined);
  // tracewire, then any other build of it measured beside it (bench/run.mjs --builds).
  const ours = ['tracewire', ...Object.keys(labels).filter((id) => id.startsWith('tracewire@'))].filter(
    (id) => at(id, 'plain', true) !== undefined,
  );
  const timesPlain = (id, v) => {
    const plain = at(id, 'plain', true);
    return typeof v === 'number' && plain > 0 ? v / plain : undefined;
  };
  const lines = [];
  lines.push(
    row([
      'request shape',
      'no SDK µs (absolute)',
      ...ours.flatMap((id) => [
        `${labels[id]} µs, default targets`,
        `${labels[id]} µs, docs' targets`,
        ...(id === 'tracewire' ? ["spread between pages (docs' targets)"] : []),
        "× `fetch(url)` (docs' targets)",
        ...(id === 'tracewire' ? ["and in fetch itself µs (docs' targets)"] : []),
      ]),
      ...columns.map((id) => `${labels[id]} µs`),
    ]),
  );
  lines.push(row(['---', ...Array(1 + ours.length * 3 + 2 + columns.length).fill('---:')]));
  for (const shape of SHAPES) {
    lines.push(
      row([
        shape.label,
        `*${us(at('baseline', shape.id, false))}*`,
        ...ours.flatMap((id) => [
          us(at(id, shape.id, false)),
          us(at(id, shape.id, true)),
          ...(id === 'tracewire' ? [spread(pages(id, shape.id))] : []),
          ratio(timesPlain(id, at(id, shape.id, true))),
          ...(id === 'tracewire' ? [shape.id === 'xhr' ? '' : us(inFetch(id, shape.id))] : []),
        ]),
        ...columns.map((id) => (shape.id === 'record' ? us(at(id, 'record', false)) : '')),
      ]),
    );
  }
  const plain = at('tracewire', 'plain', true);
  const targets = [];
  const docs = SHAPES.map((shape) => ({ shape, value: at('tracewire', shape.id, true) })).filter((x) => typeof x.value === 'number');
  if (docs.length) {
    const worst = docs.reduce((a, b) => (a.value >= b.value ? a : b));
    targets.push({
      name: "every request shape at most 5 µs added, with the docs' targets",
      measured: `worst ${us(worst.value)} µs (${worst.shape.label})`,
      met: worst.value <= 5,
    });
    const worstRatio = Math.max(...docs.map((x) => timesPlain('tracewire', x.value) ?? 0));
    targets.push({
      name: 'no request shape over 1.3× `fetch(url)`',
      measured: `worst ${ratio(worstRatio)} (\`fetch(url)\` ${us(plain)} µs)`,
      met: worstRatio <= 1.3,
    });
    if (peers.length) {
      const cheapest = peers.reduce((a, b) => (at(a, 'record', false) <= at(b, 'record', false) ? a : b));
      const peerUs = at(cheapest, 'record', false);
      targets.push({
        name: 'the worst request shape against the cheapest peer on the headers record',
        measured: `${ratio(peerUs / Math.max(worst.value, 0.01))} below ${labels[cheapest]} (${us(peerUs)} µs against ${us(worst.value)} µs)`,
        met: peerUs / Math.max(worst.value, 0.01) >= 20,
      });
    }
  }
  const out = [
    lines.join('\n'),
    '',
    `Main-thread time per call over the same call made without the SDK on the same page (median over ${shapes.pages} pages × ` +
      `${shapes.rounds} rounds of the difference between a batch of ${shapes.batch} calls through the SDK and its no-SDK twin, ` +
      'inside an open pageload holding 100 spans or more; fetch and XMLHttpRequest replaced by instant stubs; method in README.md beside run.mjs). ' +
      '"spread between pages": half the interquartile range of the per-page medians. "and in fetch itself": what the arguments ' +
      'tracewire passes to fetch (the caller\'s with the trace headers added) add to fetch\'s own first step, building a ' +
      'Request from them, which the stub skips (median of timed `new Request(input, init)` batches, against the caller\'s own arguments). ' +
      '"docs\' targets": ' +
      "`tracePropagationTargets: ['https://api.example.com', /^\\/api\\//]`; default: same origin. " +
      "The peers and tracewire with `otlp` are measured on the headers-record shape only, with their own set-up's targets.",
  ];
  return { markdown: out.join('\n'), targets };
}

export function renderReport(results) {
  const ids = ORDER.filter((id) => results.setups[id]);
  const base = results.setups.baseline;
  const lines = [];
  lines.push(
    row([
      'set-up',
      'min kB',
      'gzip kB',
      'µs / request',
      'incl. deferred µs',
      'wall µs',
      'µs @ 1000 spans',
      '1000 / 100',
      'init ms',
      'load + init ms',
      'heap growth MB',
      'job check',
    ]),
  );
  lines.push(row(['---', ...Array(11).fill('---:')]));
  for (const id of ids) {
    const s = results.setups[id];
    lines.push(
      row([
        s.label,
        kb(s.size.minBytes),
        kb(s.size.gzipBytes),
        us(s.requests.cpu[100]),
        // Below the calls' own cost the figure says nothing: the background work of the wait on the
        // no-SDK page, which is subtracted, varies by more than that between pages (it even went negative).
        id !== 'baseline' && s.requests.cpuDeferred < s.requests.cpu[100] ? 'within noise' : us(s.requests.cpuDeferred),
        us(s.requests.wall[100]),
        us(s.requests.cpu[1000]),
        ratio(s.growthRatio),
        ms(s.startup.initMs),
        ms(s.startup.totalMs),
        mb(s.memory.growthVsBaseline),
        s.validation?.ok ? 'ok' : 'FAILED',
      ]),
    );
    if (id === 'tracewire' && results.cdn) {
      lines.push(
        row([
          'tracewire CDN bundle, as shipped',
          kb(results.cdn.minBytes),
          kb(results.cdn.gzipBytes),
          ...Array(5).fill(''),
          ms(results.cdn.startup?.initMs),
          ms(results.cdn.startup?.totalMs),
          '',
          '',
        ]),
      );
      // The CDN files a page loads together: with the deferred file, and with `otlp` the OTLP file too.
      const cdnTotals = [
        ['tracewire CDN, with the deferred file it loads after start-up', results.cdn.withDeferred],
        ["tracewire CDN with `otlp`: the OTLP exporter's file too", results.cdn.withOtlp],
      ];
      for (const [label, size] of cdnTotals) {
        if (size) lines.push(row([label, kb(size.minBytes), kb(size.gzipBytes), ...Array(9).fill('')]));
      }
    }
  }
  if (base) {
    lines.push(
      row([
        '*no SDK (absolute)*',
        kb(base.size.minBytes),
        kb(base.size.gzipBytes),
        `*${us(results.baseline.cpuUsPerCall)}*`,
        `*${us(results.baseline.cpuDeferredUsPerCall)}*`,
        `*${us(results.baseline.wallUsPerCall)}*`,
        '',
        '',
        `*${ms(base.startup.initMs)}*`,
        `*${ms(base.startup.totalMs)}*`,
        `*${mb(base.memory.growth)}*`,
        '',
      ]),
    );
  }

  const env = results.environment;
  const out = [];
  out.push(`Measured ${env.date.slice(0, 10)} in Chromium ${env.chromium} (headless, ${env.cpus} cores), Node ${env.node}, esbuild ${env.esbuild}; the run took ${env.durationS ?? '?'} s.`);
  out.push('');
  out.push(lines.join('\n'));
  out.push('');
  out.push(
    'Size: each set-up bundled by esbuild as ESM with code splitting, as an app ships it, counting every file ' +
      'its page fetched while doing the job (each gzipped on its own); for tracewire the entry and the chunks of its ' +
      'deferred part and delivery queue, and with `otlp` the OTLP exporter chunk too. The CDN rows are the files as ' +
      'shipped: the bundle that runs before init; with the deferred file it adds after start-up; and with the OTLP ' +
      "exporter's file, which only pages that set `otlp` load. " +
      'Per-request, start-up and heap figures are what each SDK adds to the no-SDK page of the same run ' +
      '(medians; kB = 1000 bytes; the last row is the no-SDK page itself). "µs / request": main-thread CPU ' +
      'time per fetch call, from the call until it settles, with fetch replaced by an instant stub, inside ' +
      `an open pageload holding ${results.config.spanCounts[0]} spans; "incl. deferred" adds what the SDK does on ` +
      `timers and observers until ${results.config.deferredWaitMs} ms later ("within noise" when that comes out below the ` +
      'first column: the background work of the wait, subtracted with the no-SDK page, varies more than that); ' +
      '"wall µs" is the same calls timed ' +
      'with performance.now() (sensitive to other load on the machine); "µs @ 1000 spans" repeats the first ' +
      'column with 1000 spans in the pageload. Start-up: main-thread CPU time in a fresh renderer of init ' +
      'alone and of evaluating the bundle plus init; for the CDN bundle as shipped, loaded by a script tag ' +
      '(so the browser compiles it as it streams in), of init and of the whole page load plus init, against the ' +
      'same page without it. Heap growth: after 1000 navigations × 10 requests. ' +
      'Method: README.md beside run.mjs.',
  );
  out.push('');
  out.push('![gzip size and per-request cost](chart.svg)');
  out.push('');
  out.push('Versions measured:');
  out.push('');
  for (const id of ids) {
    const s = results.setups[id];
    const list = Object.entries(s.versions)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ');
    out.push(`- ${s.label}: ${list}`);
  }
  const targets = evaluateTargets(results);
  if (results.shapes) {
    const labels = Object.fromEntries(Object.entries(results.setups).map(([id, s]) => [id, s.label]));
    const shapes = renderShapes({ shapes: results.shapes, labels });
    out.push('');
    out.push('Per request shape:');
    out.push('');
    out.push(shapes.markdown);
    targets.push(...shapes.targets);
  }
  if (targets.length) {
    out.push('');
    out.push('tracewire targets (ratios from the same run):');
    out.push('');
    for (const t of targets) out.push(`- ${t.met ? 'met' : '**missed**'}: ${t.name}: ${t.measured}`);
  }
  const w = results.warnings;
  if (w?.notOpen || w?.notIsolated) {
    out.push('');
    if (w.notOpen) out.push(`Warning: in ${w.notOpen} timed batches the pageload had already ended.`);
    if (w.notIsolated) out.push(`Warning: ${w.notIsolated} pages were not cross-origin isolated (coarse timer).`);
  }
  return { markdown: out.join('\n'), targets };
}
