// The shapes of request a page makes, timed one by one: each is the source of a function that
// makes one request to `url` (a same-origin `/api/…` path) and returns a promise that settles
// with it. The pages define them as `window.__shapes`.

const HEADERS = "{ 'content-type': 'application/json', authorization: 'Bearer t0k3n' }";

export const SHAPES = [
  { id: 'plain', label: '`fetch(url)`', source: '(url) => fetch(url)' },
  { id: 'record', label: '`fetch(url, { headers: {…} })`', source: `(url) => fetch(url, { headers: ${HEADERS} })` },
  {
    id: 'headers',
    label: '`fetch(url, { headers: new Headers(…) })`',
    source: `(url) => fetch(url, { headers: new Headers(${HEADERS}) })`,
  },
  {
    id: 'array',
    label: '`fetch(url, { headers: [[k, v]] })`',
    source: "(url) => fetch(url, { headers: [['content-type', 'application/json'], ['authorization', 'Bearer t0k3n']] })",
  },
  { id: 'request', label: '`fetch(new Request(url, { headers }))`', source: `(url) => fetch(new Request(url, { headers: ${HEADERS} }))` },
  { id: 'url', label: '`fetch(new URL(…))`', source: '(url) => fetch(new URL(url, location.href))' },
  {
    id: 'xhr',
    label: 'XHR, two `setRequestHeader`',
    source: `(url) => new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url);
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.setRequestHeader('authorization', 'Bearer t0k3n');
      xhr.addEventListener('loadend', resolve);
      xhr.send();
    })`,
  },
  {
    id: 'thirdParty',
    label: 'third-party URL, not a target',
    source: "(url) => fetch('https://thirdparty.example.com' + url)",
  },
];

/** The tracePropagationTargets the docs show: a string for an API origin and a RegExp for paths. */
export const DOCS_TARGETS_SOURCE = "['https://api.example.com', /^\\/api\\//]";

const SHAPES_OBJECT = `{${SHAPES.map((s) => `${JSON.stringify(s.id)}: ${s.source}`).join(',\n')}}`;

/** The shapes as `window.__shapes`, calling the page's `fetch` and `XMLHttpRequest`: an SDK's, once it has patched them. */
export const SHAPES_SCRIPT = `window.__shapes = ${SHAPES_OBJECT};`;

// Like the fetch stub: an XMLHttpRequest that completes at once (on a microtask), so the XHR shape
// times the SDK's work and not the network. It has what the instrumentations use: open,
// setRequestHeader, send, readyState, status and events.
export const XHR_STUB = `window.XMLHttpRequest = class XMLHttpRequest extends EventTarget {
  constructor() { super(); this.readyState = 0; this.status = 0; }
  open() { this.readyState = 1; }
  setRequestHeader() {}
  getAllResponseHeaders() { return ''; }
  getResponseHeader() { return null; }
  abort() {}
  send() {
    Promise.resolve().then(() => {
      this.readyState = 4;
      this.status = 200;
      this.dispatchEvent(new Event('readystatechange'));
      this.dispatchEvent(new Event('load'));
      this.dispatchEvent(new Event('loadend'));
    });
  }
};`;

/**
 * The same shapes as `window.__noSdkShapes`, bound before any SDK script runs to the stub `fetch`
 * and to a second stub XMLHttpRequest class that no SDK patches: on the SDK's own page they make the
 * very same calls without the SDK, so each timed batch has a no-SDK twin on the same page.
 * Run after FETCH_STUB, before the SDK.
 */
export const NO_SDK_SHAPES_SCRIPT = `window.__stubFetch = window.fetch;
window.__noSdkShapes = ((fetch, XMLHttpRequest) => (${SHAPES_OBJECT}))(
  window.fetch,
  (() => { const window = {}; ${XHR_STUB} return window.XMLHttpRequest; })(),
);`;
