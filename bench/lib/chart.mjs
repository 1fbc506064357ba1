// A small hand-written SVG: horizontal bars for gzip size and for µs added per request.

const COLORS = {
  tracewire: '#2f7d4f',
  cdn: '#5aa877',
  sentry: '#6c5fc7',
  'tracewire-otlp': '#1f5c8a',
  otel: '#e8a33d',
  elastic: '#3c8dbc',
};

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function panel({ title, unit, bars, x, y, width }) {
  const labelWidth = 190;
  const valueWidth = 70;
  const barHeight = 22;
  const gap = 8;
  const plotWidth = width - labelWidth - valueWidth;
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const parts = [
    `<text x="${x}" y="${y + 16}" font-size="15" font-weight="600">${escape(title)}</text>`,
  ];
  bars.forEach((bar, i) => {
    const top = y + 30 + i * (barHeight + gap);
    const length = Math.max((Math.max(bar.value, 0) / max) * plotWidth, 1.5);
    parts.push(
      `<text x="${x + labelWidth - 8}" y="${top + 15}" font-size="13" text-anchor="end">${escape(bar.label)}</text>`,
      `<rect x="${x + labelWidth}" y="${top}" width="${length.toFixed(1)}" height="${barHeight}" rx="3" fill="${bar.color}"/>`,
      `<text x="${(x + labelWidth + length + 6).toFixed(1)}" y="${top + 15}" font-size="13">${escape(bar.text ?? `${bar.value} ${unit}`)}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: 30 + bars.length * (barHeight + gap) };
}

export function renderChart(results) {
  const ids = ['tracewire', 'sentry', 'tracewire-otlp', 'otel', 'elastic'].filter((id) => results.setups[id]);
  // Labels are markdown in the tables; plain text here.
  const label = (id) => results.setups[id].label.replace(/`/g, '');
  const sizeBars = [];
  if (results.cdn) {
    const v = results.cdn.gzipBytes / 1000;
    sizeBars.push({ label: 'tracewire (CDN bundle)', value: v, text: `${v.toFixed(1)} kB`, color: COLORS.cdn });
  }
  for (const id of ids) {
    const v = results.setups[id].size.gzipBytes / 1000;
    sizeBars.push({ label: id === 'tracewire' ? 'tracewire (npm set-up)' : label(id), value: v, text: `${v.toFixed(1)} kB`, color: COLORS[id] });
  }
  const costBars = ids.map((id) => {
    const v = results.setups[id].requests.cpu[100];
    return { label: label(id), value: v, text: `${v.toFixed(1)} µs`, color: COLORS[id] };
  });
  const width = 720;
  const first = panel({ title: 'Size: minified + gzip, bundled the same way', unit: 'kB', bars: sizeBars, x: 20, y: 16, width: width - 40 });
  const secondY = 16 + first.height + 28;
  const second = panel({
    title: 'Main-thread time added per fetch call in an open pageload (Chromium)',
    unit: 'µs',
    bars: costBars,
    x: 20,
    y: secondY,
    width: width - 40,
  });
  const height = secondY + second.height + 36;
  const env = results.environment;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" fill="#222">
<rect width="100%" height="100%" fill="#fff"/>
${first.svg}
${second.svg}
<text x="20" y="${height - 12}" font-size="11" fill="#666">${escape(`npm run bench, ${env.date.slice(0, 10)}, Chromium ${env.chromium}; shorter is better`)}</text>
</svg>
`;
}
