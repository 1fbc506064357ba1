// Conformance probes: every scenario returns a JSON-able record of everything the page can observe
// about one fetch or XHR. The same script runs on a page without the SDK and on one with it; the
// spec compares the records scenario by scenario.
(function () {
  'use strict';
  // Trace headers the SDK adds to same-origin requests show up in echoed request headers; they are
  // the one intended difference (docs/contract.md §3 Requests), so echoed header lists leave them out.
  var TRACE_HEADERS = ['sentry-trace', 'baggage', 'traceparent'];

  function hex(buf) {
    return Array.from(new Uint8Array(buf), function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }
  function err(e) {
    if (e === undefined) return { thrown: 'undefined' };
    if (e === null || typeof e !== 'object') return { thrown: typeof e, value: String(e) };
    return { ctor: e.constructor && e.constructor.name, name: e.name, message: e.message, isDOMException: e instanceof DOMException, cause: e.cause === undefined ? undefined : String(e.cause) };
  }
  // A multipart boundary is random per request: replaced by a fixed token before comparing.
  function unbound(text) {
    return typeof text === 'string' ? text.replace(/-*WebKitFormBoundary[A-Za-z0-9]+/g, 'BOUNDARY') : text;
  }
  function cleanEcho(text) {
    try {
      var j = JSON.parse(text);
      if (j && j.headers) {
        TRACE_HEADERS.forEach(function (h) { delete j.headers[h]; });
        if (j.headers['content-type']) {
          j.body = unbound(j.body, j.headers['content-type']);
          j.headers['content-type'] = unbound(j.headers['content-type'], j.headers['content-type']);
        }
        if (j.headers['content-length'] && /BOUNDARY/.test(j.body)) delete j.headers['content-length'];
      }
      return j;
    } catch (e) {
      return text;
    }
  }
  function headerList(h) {
    var out = [];
    h.forEach(function (v, k) { if (k !== 'date' && k !== 'keep-alive') out.push([k, v]); });
    return out;
  }
  async function describe(res, read) {
    var base = {
      isResponse: res instanceof Response, proto: Object.getPrototypeOf(res) === Response.prototype,
      status: res.status, statusText: res.statusText, ok: res.ok, redirected: res.redirected,
      url: res.url.replace(location.origin, 'ORIGIN').replace(/^blob:ORIGIN\/[0-9a-f-]+$/, 'blob:ORIGIN/UUID'), type: res.type, headers: headerList(res.headers),
      bodyNull: res.body === null, bodyUsed: res.bodyUsed,
    };
    try {
      if (read === 'none') return base;
      if (read === 'echo') base.body = cleanEcho(await res.text());
      else if (read === 'raw') { var ct = res.headers.get('content-type'); base.body = unbound(new TextDecoder().decode(await res.arrayBuffer()), ct); base.headers = base.headers.map(function (p) { return [p[0], unbound(p[1], ct)]; }).filter(function (p) { return p[0] !== 'x-length' || !/BOUNDARY/.test(base.body); }); }
      else if (read === 'hex') base.body = hex(await res.arrayBuffer());
      else if (read === 'blob') { var b = await res.blob(); base.body = { size: b.size, type: b.type, hex: hex(await b.arrayBuffer()) }; }
      else if (read === 'stream') {
        var reader = res.body.getReader(), text = '', dec = new TextDecoder();
        for (var r = await reader.read(); !r.done; r = await reader.read()) text += dec.decode(r.value, { stream: true });
        base.body = text;
      } else if (read === 'clone') { var c = res.clone(); base.body = [await res.text(), await c.text()]; }
      else base.body = await res.text();
    } catch (e) { base.readError = err(e); }
    base.bodyUsedAfter = res.bodyUsed;
    return base;
  }
  async function f(input, init, read) {
    var p;
    try { p = fetch(input, init); } catch (e) { return { syncThrow: err(e) }; }
    var out = { isPromise: p instanceof Promise };
    try { out.response = await describe(await p, read); } catch (e) { out.rejected = err(e); }
    return out;
  }
  function wait(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }

  // ---- XHR ----
  var XHR_EVENTS = ['readystatechange', 'loadstart', 'progress', 'abort', 'error', 'load', 'timeout', 'loadend'];
  function xhrResponse(x) {
    var t = x.responseType, r = { responseType: t };
    try {
      if (t === '' || t === 'text') r.text = unbound(x.responseText, x.getResponseHeader && x.getResponseHeader('content-type'));
      else if (t === 'json') r.json = x.response;
      else if (t === 'arraybuffer') r.hex = x.response ? hex(x.response) : null;
      else if (t === 'blob') r.blob = x.response ? { size: x.response.size, type: x.response.type } : null;
      else if (t === 'document') r.doc = x.response ? { title: x.response.title, root: x.response.documentElement && x.response.documentElement.nodeName } : null;
    } catch (e) { r.error = err(e); }
    if (r.text && r.text.charAt(0) === '{') r.text = cleanEcho(r.text);
    return r;
  }
  function xhrState(x) {
    var h = x.readyState >= 2 ? x.getAllResponseHeaders().split('\r\n').filter(function (l) { return l && !/^date:|^keep-alive:/i.test(l); }).map(unbound) : [];
    return { readyState: x.readyState, status: x.status, statusText: x.statusText, responseURL: x.responseURL.replace(location.origin, 'ORIGIN'), headers: h };
  }
  // Runs one XHR: `setup(x)` opens and configures it, then `send` is called; resolves at loadend
  // (or at once for synchronous requests). Consecutive repeats of an event are collapsed, since
  // how many progress / readyState 3 events fire depends on how the bytes arrive.
  function x(setup, body, opts) {
    opts = opts || {};
    return new Promise(function (resolve) {
      var xr = new XMLHttpRequest(), events = [], done = false;
      var push = function (label) { if (events[events.length - 1] !== label) events.push(label); };
      XHR_EVENTS.forEach(function (type) {
        xr.addEventListener(type, function (e) {
          push(type + ':' + xr.readyState + (type === 'load' || type === 'loadend' ? ':' + xr.status : ''));
          if (type === 'loadend' && !done) { done = true; setTimeout(function () { resolve(finish()); }, 0); }
        });
      });
      if (opts.upload) ['loadstart', 'progress', 'load', 'loadend', 'error', 'abort'].forEach(function (type) {
        xr.upload.addEventListener(type, function () { push('upload.' + type); });
      });
      if (opts.property) xr.onreadystatechange = function () { push('onreadystatechange:' + xr.readyState); };
      var result = { thrown: [] };
      function finish() { result.events = events; result.final = xhrState(xr); result.response = xr.readyState === 4 ? xhrResponse(xr) : null; return result; }
      try { setup(xr); } catch (e) { result.thrown.push(['setup', err(e)]); }
      try { xr.send(body); } catch (e) { result.thrown.push(['send', err(e)]); }
      if (opts.after) try { opts.after(xr); } catch (e) { result.thrown.push(['after', err(e)]); }
      // Synchronous requests and requests that never started resolve without waiting for loadend.
      setTimeout(function () { if (!done && (opts.sync || result.thrown.length)) { done = true; resolve(finish()); } }, opts.sync ? 0 : 300);
      if (opts.sync) { done = true; resolve(finish()); }
    });
  }

  window.conformanceScenarios = function (ctx) {
    var cross = ctx.cross, refused = ctx.refused;
    var s = {};
    // fetch: responses
    s['fetch GET 200 text'] = function () { return f('/api/status?code=200', undefined, 'text'); };
    s['fetch GET 201'] = function () { return f('/api/status?code=201'); };
    s['fetch GET 204 no body'] = function () { return f('/api/status?code=204'); };
    s['fetch GET 404'] = function () { return f('/api/status?code=404'); };
    s['fetch GET 500'] = function () { return f('/api/status?code=500'); };
    s['fetch json after delay'] = function () { return f('/api/delay?ms=20', undefined, 'text'); };
    s['fetch custom and repeated response headers'] = function () { return f('/api/rel/headers'); };
    s['fetch binary body bytes'] = function () { return f('/api/rel/bytes', undefined, 'hex'); };
    s['fetch blob body'] = function () { return f('/api/rel/bytes', undefined, 'blob'); };
    s['fetch clone and read both'] = function () { return f('/api/status?code=200', undefined, 'clone'); };
    s['fetch streamed chunked body'] = function () { return f('/api/rel/stream?chunks=4&ms=20', undefined, 'stream'); };
    s['fetch HEAD'] = function () { return f('/api/status?code=200', { method: 'HEAD' }); };
    s['fetch echo GET headers'] = function () { return f('/api/echo?q=1', { headers: { 'x-a': '1', 'content-type': 'text/x-test' } }, 'echo'); };
    // redirects
    s['fetch redirect 302'] = function () { return f('/api/rel/redirect?code=302&to=%2Fapi%2Fstatus%3Fcode%3D200'); };
    s['fetch redirect 301 to echo'] = function () { return f('/api/rel/redirect?code=301&to=%2Fapi%2Fecho%3Fr%3D1', undefined, 'echo'); };
    s['fetch redirect 307 keeps POST body'] = function () { return f('/api/rel/redirect?code=307&to=%2Fapi%2Fecho', { method: 'POST', body: 'kept' }, 'echo'); };
    s['fetch redirect 303 POST becomes GET'] = function () { return f('/api/rel/redirect?code=303&to=%2Fapi%2Fecho', { method: 'POST', body: 'dropped' }, 'echo'); };
    s['fetch redirect manual'] = function () { return f('/api/rel/redirect?code=302&to=%2Fapi%2Fecho', { redirect: 'manual' }); };
    s['fetch redirect error'] = function () { return f('/api/rel/redirect?code=302&to=%2Fapi%2Fecho', { redirect: 'error' }); };
    s['fetch redirect to cross origin'] = function () { return f('/api/rel/redirect?code=302&to=' + encodeURIComponent(cross + '/api/echo?x=1'), undefined, 'echo'); };
    // request bodies
    s['fetch POST string'] = function () { return f('/api/rel/echo-raw', { method: 'POST', body: 'hello \u00e9' }, 'raw'); };
    s['fetch POST URLSearchParams'] = function () { return f('/api/rel/echo-raw', { method: 'POST', body: new URLSearchParams({ a: '1', b: 'x y' }) }, 'raw'); };
    s['fetch POST FormData with file'] = function () {
      var fd = new FormData(); fd.append('a', '1'); fd.append('file', new Blob(['abc'], { type: 'text/plain' }), 'f.txt');
      return f('/api/rel/echo-raw', { method: 'POST', body: fd }, 'raw');
    };
    s['fetch POST Blob typed'] = function () { return f('/api/rel/echo-raw', { method: 'POST', body: new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'application/x-bin' }) }, 'hex'); };
    s['fetch POST ArrayBuffer'] = function () { return f('/api/rel/echo-raw', { method: 'PUT', body: new Uint8Array([9, 8, 7]).buffer }, 'hex'); };
    s['fetch POST Uint8Array'] = function () { return f('/api/rel/echo-raw', { method: 'PATCH', body: new Uint8Array([1, 2, 3]) }, 'hex'); };
    s['fetch POST ReadableStream duplex half'] = function () {
      var rs = new ReadableStream({ start: function (c) { c.enqueue(new TextEncoder().encode('streamed')); c.close(); } });
      return f('/api/rel/echo-raw', { method: 'POST', body: rs, duplex: 'half' }, 'raw');
    };
    s['fetch POST ReadableStream without duplex'] = function () {
      var rs = new ReadableStream({ start: function (c) { c.close(); } });
      return f('/api/rel/echo-raw', { method: 'POST', body: rs }, 'raw');
    };
    s['fetch GET with body'] = function () { return f('/api/echo', { method: 'GET', body: 'x' }); };
    s['fetch keepalive POST'] = function () { return f('/api/echo?k=1', { method: 'POST', body: 'ka', keepalive: true }, 'echo'); };
    // input forms
    s['fetch Request input with body'] = function () { return f(new Request('/api/echo?req=1', { method: 'POST', body: 'rb', headers: { 'x-r': '1' } }), undefined, 'echo'); };
    s['fetch Request input plus init headers'] = function () { return f(new Request('/api/echo?req=2', { headers: { 'x-r': '1' } }), { headers: [['x-i', '2']] }, 'echo'); };
    s['fetch URL object input'] = function () { return f(new URL('/api/echo?u=1', location.href), { headers: new Headers({ 'x-h': '3' }) }, 'echo'); };
    s['fetch Request input, init without headers'] = function () { return f(new Request('/api/echo?req=3', { headers: { 'x-r': '3' } }), { headers: undefined, cache: 'no-store' }, 'echo'); };
    s['fetch init with other options, no headers'] = function () { return f('/api/echo?noh=1', { method: 'POST', body: 'nh', credentials: 'same-origin' }, 'echo'); };
    s['fetch absolute same-origin URL with dot segments and escapes'] = function () { return f(location.origin + '/api/./x/../echo?d=%2e&q=a b', undefined, 'echo'); };
    s['fetch headers: null'] = function () { return f('/api/echo?hn=1', { headers: null }); };
    s['fetch object with toString input'] = function () { return f({ toString: function () { return '/api/echo?ts=1'; } }, undefined, 'echo'); };
    s['fetch forbidden header ignored'] = function () { return f('/api/echo?fh=1', { headers: { 'content-length': '99', 'x-ok': '1' } }, 'echo'); };
    s['fetch referrerPolicy no-referrer'] = function () { return f('/api/echo?rp=1', { referrerPolicy: 'no-referrer' }, 'echo'); };
    s['fetch data: URL'] = function () { return f('data:text/plain;base64,aGVsbG8=', undefined, 'text'); };
    s['fetch blob: URL'] = function () { return f(URL.createObjectURL(new Blob(['blobbed'], { type: 'text/x-b' })), undefined, 'text'); };
    // credentials and cookies
    s['fetch set-cookie then cookie sent'] = async function () {
      var a = await f('/api/rel/cookie?name=c1&value=v1', undefined, 'text');
      var b = await f('/api/echo?ck=1', undefined, 'echo');
      return { a: a, b: b, cookie: document.cookie };
    };
    s['fetch credentials omit'] = function () { return f('/api/echo?ck=2', { credentials: 'omit' }, 'echo'); };
    s['fetch cross-origin cors echo'] = function () { return f(cross + '/api/echo?c=1', undefined, 'echo'); };
    s['fetch cross-origin no-cors opaque'] = function () { return f(cross + '/api/echo?c=2', { mode: 'no-cors' }, 'text'); };
    s['fetch cross-origin same-origin mode'] = function () { return f(cross + '/api/echo?c=3', { mode: 'same-origin' }); };
    s['fetch cross-origin disallowed header (CORS error)'] = function () { return f(cross + '/api/echo?c=4', { headers: { 'x-not-allowed': '1' } }); };
    s['fetch cross-origin credentials include (CORS error)'] = function () { return f(cross + '/api/echo?c=5', { credentials: 'include' }); };
    // errors
    s['fetch refused connection'] = function () { return f('http://127.0.0.1:' + refused + '/x'); };
    s['fetch invalid URL'] = function () { return f('http://[bad'); };
    s['fetch forbidden method'] = function () { return f('/api/echo', { method: 'CONNECT' }); };
    s['fetch invalid header name'] = function () { return f('/api/echo', { headers: { 'bad header': '1' } }); };
    s['fetch integrity mismatch'] = function () { return f('/api/status?code=200', { integrity: 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' }); };
    s['fetch illegal invocation'] = async function () { try { var p = fetch.call({}, '/api/echo'); try { await p; return 'resolved'; } catch (e) { return { rejected: err(e) }; } } catch (e) { return { syncThrow: err(e) }; } };
    s['fetch no arguments'] = async function () { try { await fetch(); return 'resolved'; } catch (e) { return err(e); } };
    // aborts
    s['fetch abort before start'] = function () { var c = new AbortController(); c.abort(); return f('/api/delay?ms=10', { signal: c.signal }); };
    s['fetch abort in flight'] = function () { var c = new AbortController(); setTimeout(function () { c.abort(); }, 30); return f('/api/delay?ms=2000', { signal: c.signal }); };
    s['fetch abort with reason'] = function () { var c = new AbortController(); setTimeout(function () { c.abort(new RangeError('my reason')); }, 30); return f('/api/delay?ms=2000', { signal: c.signal }); };
    s['fetch abort with primitive reason'] = function () { var c = new AbortController(); setTimeout(function () { c.abort('plain'); }, 30); return f('/api/delay?ms=2000', { signal: c.signal }); };
    s['fetch AbortSignal.timeout'] = function () { return f('/api/delay?ms=2000', { signal: AbortSignal.timeout(40) }); };
    s['fetch abort while reading stream'] = async function () {
      var c = new AbortController();
      var res = await fetch('/api/rel/stream?chunks=5&ms=80', { signal: c.signal });
      var reader = res.body.getReader();
      // How many chunks one read returns depends on when it runs (a busy main thread gets two at once),
      // so only the first chunk is kept.
      var first = new TextDecoder().decode((await reader.read()).value).split('\n')[0];
      c.abort();
      try { await reader.read(); return { first: first, after: 'read' }; } catch (e) { return { first: first, after: err(e) }; }
    };
    // XHR
    ['', 'text', 'json', 'arraybuffer', 'blob', 'document'].forEach(function (t) {
      var url = t === 'json' ? '/api/rel/headers' : t === 'document' ? '/api/rel/page' : t === 'arraybuffer' || t === 'blob' ? '/api/rel/bytes' : '/api/status?code=200';
      s['xhr responseType ' + (t || '(empty)')] = function () { return x(function (r) { r.open('GET', url); r.responseType = t; }); };
    });
    s['xhr GET 404'] = function () { return x(function (r) { r.open('GET', '/api/status?code=404'); }); };
    s['xhr onreadystatechange property'] = function () { return x(function (r) { r.open('GET', '/api/status?code=200'); }, undefined, { property: true }); };
    s['xhr echo headers, repeated setRequestHeader'] = function () { return x(function (r) { r.open('GET', '/api/echo?x=1'); r.setRequestHeader('x-a', '1'); r.setRequestHeader('x-a', '2'); }); };
    s['xhr POST string with upload listeners'] = function () { return x(function (r) { r.open('POST', '/api/echo'); }, 'payload', { upload: true }); };
    s['xhr POST FormData'] = function () { var fd = new FormData(); fd.append('k', 'v'); fd.append('f', new Blob(['zz']), 'z.bin'); return x(function (r) { r.open('POST', '/api/rel/echo-raw'); }, fd); };
    s['xhr POST Blob'] = function () { return x(function (r) { r.open('POST', '/api/rel/echo-raw'); r.responseType = 'arraybuffer'; }, new Blob([new Uint8Array([5, 6])], { type: 'application/x-q' })); };
    s['xhr POST URLSearchParams'] = function () { return x(function (r) { r.open('POST', '/api/rel/echo-raw'); }, new URLSearchParams({ p: 'q r' })); };
    s['xhr redirect followed'] = function () { return x(function (r) { r.open('GET', '/api/rel/redirect?code=302&to=%2Fapi%2Fecho%3Fxr%3D1'); }); };
    s['xhr streamed response'] = function () { return x(function (r) { r.open('GET', '/api/rel/stream?chunks=4&ms=20'); }); };
    s['xhr overrideMimeType'] = function () { return x(function (r) { r.open('GET', '/api/rel/headers'); r.overrideMimeType('text/plain'); }); };
    s['xhr timeout'] = function () { return x(function (r) { r.open('GET', '/api/delay?ms=2000'); r.timeout = 40; }); };
    s['xhr abort in flight'] = function () { return x(function (r) { r.open('GET', '/api/delay?ms=2000'); }, undefined, { after: function (r) { setTimeout(function () { r.abort(); }, 30); } }); };
    s['xhr abort right after send'] = function () { return x(function (r) { r.open('GET', '/api/delay?ms=50'); }, undefined, { after: function (r) { r.abort(); } }); };
    s['xhr refused connection'] = function () { return x(function (r) { r.open('GET', 'http://127.0.0.1:' + refused + '/x'); }); };
    s['xhr cross-origin cors'] = function () { return x(function (r) { r.open('GET', cross + '/api/echo?xc=1'); }); };
    s['xhr cross-origin disallowed header'] = function () { return x(function (r) { r.open('GET', cross + '/api/echo?xc=2'); r.setRequestHeader('x-not-allowed', '1'); }); };
    s['xhr cross-origin withCredentials'] = function () { return x(function (r) { r.open('GET', cross + '/api/echo?xc=3'); r.withCredentials = true; }); };
    s['xhr sync GET'] = function () { return x(function (r) { r.open('GET', '/api/echo?sync=1', false); }, undefined, { sync: true }); };
    s['xhr sync POST'] = function () { return x(function (r) { r.open('POST', '/api/echo?sync=2', false); r.setRequestHeader('content-type', 'text/plain'); }, 'sync-body', { sync: true }); };
    s['xhr sync refused'] = function () { return x(function (r) { r.open('GET', 'http://127.0.0.1:' + refused + '/x', false); }, undefined, { sync: true }); };
    s['xhr sync with timeout (InvalidAccessError)'] = function () { return x(function (r) { r.open('GET', '/api/echo', false); r.timeout = 10; }, undefined, { sync: true }); };
    s['xhr send before open'] = function () { return x(function () {}, undefined, {}); };
    s['xhr setRequestHeader before open'] = function () { return x(function (r) { r.setRequestHeader('x', '1'); }); };
    s['xhr open invalid method'] = function () { return x(function (r) { r.open('BAD METHOD', '/x'); }); };
    s['xhr open forbidden method'] = function () { return x(function (r) { r.open('TRACE', '/x'); }); };
    s['xhr forbidden request header'] = function () { return x(function (r) { r.open('GET', '/api/echo?fx=1'); r.setRequestHeader('cookie2', 'x'); r.setRequestHeader('x-fine', '1'); }); };
    s['xhr reused after load'] = async function () {
      var r = new XMLHttpRequest(), seen = [];
      r.addEventListener('loadend', function () { seen.push(r.status + ':' + r.responseURL.replace(location.origin, 'ORIGIN')); });
      r.open('GET', '/api/status?code=201'); r.send();
      await new Promise(function (ok) { r.addEventListener('loadend', ok, { once: true }); });
      r.open('GET', '/api/status?code=202'); r.send();
      await new Promise(function (ok) { r.addEventListener('loadend', ok, { once: true }); });
      return seen;
    };
    s['xhr open twice before send'] = function () { return x(function (r) { r.open('GET', '/api/status?code=500'); r.open('GET', '/api/status?code=203'); }); };
    return s;
  };

  window.runConformance = async function (ctx) {
    var s = window.conformanceScenarios(ctx), out = {};
    for (var name of Object.keys(s)) {
      try { out[name] = await s[name](); } catch (e) { out[name] = { scenarioError: err(e) }; }
      await wait(0);
    }
    return out;
  };
})();
