// Debian's Chromium and the flags every test and benchmark launches it with. Nothing may download a
// browser of its own here; without the networking flags Chromium keeps dialling out of a closed network.
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
