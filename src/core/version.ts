/** Replaced at build time with package.json's version. */
export const SDK_VERSION: string = typeof __TRACEWIRE_VERSION__ === 'string' ? __TRACEWIRE_VERSION__ : '0.0.0-dev';
declare const __TRACEWIRE_VERSION__: string | undefined;
