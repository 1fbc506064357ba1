import * as Sentry from '@sentry/node';

const PLACEHOLDER = '<!-- server: trace meta -->';

/**
 * Puts the current request's trace into the page head, so the browser SDK's pageload
 * continues this server span's trace:
 *   <meta name="sentry-trace" content="{trace id}-{span id}-1">
 *   <meta name="baggage" content="sentry-trace_id=…,sentry-sample_rate=1,…">
 * plus the Spotlight URL the page posts its envelopes to.
 */
export function renderPage(html, { spotlightUrl }) {
  const tags = [Sentry.getTraceMetaTags(), `<meta name="demo-spotlight" content="${escapeAttribute(spotlightUrl)}">`];
  if (!html.includes(PLACEHOLDER)) throw new Error(`page has no "${PLACEHOLDER}" placeholder`);
  return html.replace(PLACEHOLDER, tags.join('\n    '));
}

function escapeAttribute(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
