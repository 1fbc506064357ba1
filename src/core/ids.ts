const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

function randomHex(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let out = '';
  for (let i = 0; i < bytes; i++) out += HEX[buf[i]!];
  // An all-zero id is invalid (W3C Trace Context §3.2.2.3); the odds are 2^-64 but cost nothing to rule out.
  return /^0+$/.test(out) ? randomHex(bytes) : out;
}

/** 32 lowercase hex characters. */
export const generateTraceId = (): string => randomHex(16);
/** 16 lowercase hex characters. */
export const generateSpanId = (): string => randomHex(8);
