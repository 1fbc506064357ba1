// Configures the CDN bundle for the plain page. Runs after tracewire.min.js (both `defer`).
Tracewire.init({
  spotlight: document.querySelector('meta[name="demo-spotlight"]').content,
  tracesSampleRate: 1,
  tracePropagationTargets: [/^\/api\//],
  release: 'tracewire-demo@0.0.0',
  environment: 'demo',
  integrations: [Tracewire.browserTracingIntegration()],
});

document.getElementById('check-stock').addEventListener('click', () => {
  const output = document.getElementById('stock-result');
  Tracewire.startSpan({ name: 'check stock', op: 'ui.action.click' }, () =>
    fetch('/api/products/1')
      .then((response) => response.json())
      .then((product) => (output.textContent = `${product.stock} in stock`))
      .catch((error) => (output.textContent = `failed: ${error.message}`)),
  );
});
