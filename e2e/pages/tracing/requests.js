// Request functions for the pages of the tracing specs, loaded before the SDK so that they work the same
// on pages with and without it.

/**
 * Sends an XMLHttpRequest and resolves with what the page observed: status, body and the events
 * in the order they fired (readystatechange with its readyState, then loadstart/load/error/abort/
 * timeout/loadend). Never rejects, so a failed request can be compared like a successful one.
 */
window.sendXhr = function sendXhr(method, url, options) {
  const opts = options || {};
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const events = [];
    xhr.addEventListener('readystatechange', () => events.push('readystatechange:' + xhr.readyState));
    for (const type of ['loadstart', 'load', 'error', 'abort', 'timeout', 'loadend']) {
      xhr.addEventListener(type, () => events.push(type));
    }
    xhr.addEventListener('loadend', () => {
      resolve({ status: xhr.status, statusText: xhr.statusText, text: xhr.responseText, events });
    });
    xhr.open(method, url);
    for (const [name, value] of opts.headers || []) xhr.setRequestHeader(name, value);
    xhr.send(opts.body === undefined ? null : opts.body);
    if (opts.abortAfterSend) xhr.abort();
  });
};

/** A synchronous XMLHttpRequest (the SDK must finish its span when `send` returns). */
window.sendSyncXhr = function sendSyncXhr(method, url) {
  const xhr = new XMLHttpRequest();
  xhr.open(method, url, false);
  xhr.send();
  return { status: xhr.status, text: xhr.responseText };
};
