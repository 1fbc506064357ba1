// Ids are drawn from Math.random, as OpenTelemetry's web SDK does: trace and span ids must be unique,
// not secret, and V8's generator (xorshift128+, seeded per page from a secure source) gives 32 good
// bits per call at no start-up cost. crypto.getRandomValues costs about half a millisecond the first
// time a page calls it, which would land in `init`.

const HEX_DIGITS = '0123456789abcdef';

function randomHex(words: number): string {
  let out = '';
  let bits = 0;
  for (let i = 0; i < words; i++) {
    const word = (Math.random() * 0x1_0000_0000) >>> 0;
    bits |= word;
    // Digit by digit, from the top nibble: in V8 this is about five times faster than
    // `word.toString(16).padStart(8, '0')`, and a request pays it for every span id.
    for (let shift = 28; shift >= 0; shift -= 4) out += HEX_DIGITS[(word >>> shift) & 15];
  }
  // An all-zero id is invalid (W3C Trace Context §3.2.2.3); the odds are 2^-64 but cost nothing to rule out.
  return bits ? out : randomHex(words);
}

/** 32 lowercase hex characters. */
export const generateTraceId = (): string => randomHex(4);
/** 16 lowercase hex characters. */
export const generateSpanId = (): string => randomHex(2);
