import * as Tracewire from './index';

// The CDN bundle's only effect: the same named exports as the npm entry, on window (docs/contract.md §1).
// The bundle is ES2022. A browser too old to parse it never runs this; one that parses it but lacks
// a built-in it calls (Safari before 15.4 has no `Array.prototype.at`, which web-vitals uses) gets
// no `window.Tracewire` and a debug line instead of errors later, so a guarded
// `if (window.Tracewire)` set-up simply skips the SDK.
if (typeof Array.prototype.at === 'function') {
  (globalThis as { Tracewire?: typeof Tracewire }).Tracewire = Tracewire;
} else {
  globalThis.console?.debug?.('[tracewire] this browser lacks ES2022 built-ins (Array.prototype.at): the SDK is not loaded');
}
