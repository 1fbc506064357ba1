import * as Tracewire from './index';

// The CDN bundle's only effect: the same named exports as the npm entry, on window (SPEC §1).
(globalThis as { Tracewire?: typeof Tracewire }).Tracewire = Tracewire;
