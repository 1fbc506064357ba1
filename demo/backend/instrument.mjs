// Loaded with `node --import ./instrument.mjs` so the SDK hooks node:http and fetch before the app runs.
import * as Sentry from '@sentry/node';

const inventoryUrl = process.env.DEMO_INVENTORY_URL ?? 'http://127.0.0.1:3001';

Sentry.init({
  // The DSN is the Spotlight sidecar's Sentry-compatible ingestion endpoint
  // (http://demo@127.0.0.1:8969/1 by default), so every envelope stays on loopback. In your
  // own app this is your project's DSN, with `spotlight: true` added in development.
  // @sentry/node needs a DSN to continue and propagate traces at all: without one it renders
  // no meta tags and sends no trace headers.
  dsn: process.env.SENTRY_DSN,
  // Spotlight stores an envelope only when it is labelled as one.
  transportOptions: { headers: { 'Content-Type': 'application/x-sentry-envelope' } },
  tracesSampleRate: 1,
  // Whole transactions (one event per request) rather than streamed spans: the form the
  // Spotlight trace view shows.
  traceLifecycle: 'static',
  // Trace headers go to our own inventory service and nowhere else.
  tracePropagationTargets: [inventoryUrl],
  serverName: 'web-backend',
  environment: 'demo',
  release: 'tracewire-demo@0.0.0',
});
