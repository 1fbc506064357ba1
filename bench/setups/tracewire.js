import { tracewireBench } from './tracewireHarness.js';

// tracewire sending Sentry envelopes to the bench server's DSN.
window.__bench = tracewireBench('tracewire', () => ({ dsn: `http://publickey@${location.host}/1` }));
