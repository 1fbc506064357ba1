// Starts the SDK from a file rather than inline script, for pages whose Content-Security-Policy
// forbids inline script. The DSN comes from the script tag's data-dsn attribute.
(function () {
  var dsn = document.currentScript.getAttribute('data-dsn');
  Tracewire.init({ dsn: dsn, tracesSampleRate: 1, integrations: [Tracewire.browserTracingIntegration({ idleTimeout: 300 })] });
  window.hold = Tracewire.pushActivity('csp');
  fetch('/api/echo?id=csp').then(function (r) { return r.json(); }).then(function (j) {
    window.echoed = j.headers;
    Tracewire.popActivity(window.hold);
  });
})();
