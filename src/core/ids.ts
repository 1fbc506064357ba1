const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

// One getRandomValues call fills ids for many spans: per call it costs about as much as a whole
// request's other bookkeeping, so drawing 8 bytes at a time would dominate the fetch wrapper.
const POOL = 512;
let pool = new Uint8Array(0);
let at = POOL;

function randomHex(bytes: number): string {
  if (at + bytes > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL));
    at = 0;
  }
  let out = '';
  let zero = true;
  for (let i = 0; i < bytes; i++) {
    const b = pool[at++]!;
    if (b) zero = false;
    out += HEX[b];
  }
  // An all-zero id is invalid (W3C Trace Context §3.2.2.3); the odds are 2^-64 but cost nothing to rule out.
  return zero ? randomHex(bytes) : out;
}

/** 32 lowercase hex characters. */
export const generateTraceId = (): string => randomHex(16);
/** 16 lowercase hex characters. */
export const generateSpanId = (): string => randomHex(8);
