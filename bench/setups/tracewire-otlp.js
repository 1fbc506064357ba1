import { tracewireBench } from './tracewireHarness.js';

// tracewire doing OpenTelemetry's job: the same options as setups/tracewire.js, but exporting
// OTLP/HTTP JSON to the bench server's traces URL (where setups/otel.js sends too) instead of
// Sentry envelopes, and sending W3C `traceparent` on requests as OpenTelemetry does. The npm build
// loads its OTLP exporter by a dynamic import(); see bundleSetups in run.mjs for how it is counted.
window.__bench = tracewireBench('tracewire-otlp', () => ({ otlp: `${location.origin}/v1/traces`, propagateTraceparent: true }));
