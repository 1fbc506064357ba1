/** docs/contract.md §4 and W3C Baggage §3.3: the limits a baggage header must stay within. */
export const MAX_BAGGAGE_BYTES = 8192;
export const MAX_BAGGAGE_MEMBERS = 64;
const PREFIX = 'sentry-';
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export interface ParsedBaggage {
  /** `sentry-` entries, prefix removed, values decoded. */
  sentry: Record<string, string>;
  /** Every other list member, as it came. */
  thirdParty: string[];
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** Parses one or more baggage header values; malformed members are skipped, never thrown on. */
export function parseBaggage(value: unknown): ParsedBaggage {
  // No prototype: a member named `sentry-__proto__` is a key like any other, not a prototype to set.
  const out: ParsedBaggage = { sentry: Object.create(null) as Record<string, string>, thirdParty: [] };
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (const raw of v.split(',')) {
      const member = raw.trim();
      const eq = member.indexOf('=');
      if (eq <= 0) continue;
      const key = member.slice(0, eq).trim();
      // W3C Baggage §3.3.1: a key is an RFC 7230 token.
      if (!TOKEN.test(key)) continue;
      if (key.startsWith(PREFIX)) {
        const k = decode(key.slice(PREFIX.length));
        const val = decode(
          member
            .slice(eq + 1)
            .split(';')[0]!
            .trim(),
        );
        // Our own keys are lowercase words; anything else would not survive being sent on.
        if (k && /^[\w.-]+$/.test(k) && val !== undefined) out.sentry[k] = val;
      } else {
        out.thirdParty.push(member);
      }
    }
  }
  return out;
}

const byteLength = (s: string): number => (/^[\x00-\x7f]*$/.test(s) ? s.length : new TextEncoder().encode(s).length);

/** Our `sentry-` members for a sampling context, within the W3C limits; empty values are left out. */
export function serializeDsc(dsc: Record<string, string | undefined>): string {
  const members: string[] = [];
  for (const key in dsc) {
    try {
      if (dsc[key]) members.push(`${PREFIX}${encodeURIComponent(key)}=${encodeURIComponent(dsc[key])}`);
    } catch {
      // encodeURIComponent throws on a lone surrogate (say, a name cut mid-emoji): leave that member out.
    }
  }
  return membersWithinLimits('', members).join(',');
}

/**
 * Adds our `sentry-` members (as made by {@link serializeDsc}) to an existing baggage value. Existing
 * members are kept; when they already include `sentry-` entries the value is returned unchanged, so
 * ours are never doubled. Our members that would take the header past 64 members or 8192 bytes are
 * left out.
 */
export function mergeBaggage(existing: string | null | undefined, ours: string): string {
  const prior = typeof existing === 'string' ? existing.trim() : '';
  const added = baggageToAdd(prior, ours);
  return prior && added ? `${prior},${added}` : prior || added;
}

/**
 * Those of our members that {@link mergeBaggage} would add to `existing`, joined with commas: all of
 * them when there is no baggage yet, none when it has `sentry-` entries already, and otherwise those
 * that keep the header within the limits. Empty when nothing is to be added.
 */
export function baggageToAdd(existing: string | null | undefined, ours: string): string {
  const prior = typeof existing === 'string' ? existing.trim() : '';
  // The common case: no baggage yet, and ours (from serializeDsc) is within the limits already.
  if (!prior || !ours) return ours;
  if (/(^|,)\s*sentry-/.test(prior)) return '';
  return membersWithinLimits(prior, ours.split(',')).join(',');
}

/** Those members of `ours` that fit after `prior` within 64 members and 8192 bytes, in order. */
function membersWithinLimits(prior: string, ours: string[]): string[] {
  const fitting: string[] = [];
  let members = prior ? prior.split(',').length : 0;
  let bytes = byteLength(prior);
  for (const member of ours) {
    // Every member but the very first of the header comes after a comma.
    const extra = member.length + (members ? 1 : 0);
    if (members + 1 > MAX_BAGGAGE_MEMBERS || bytes + extra > MAX_BAGGAGE_BYTES) continue;
    fitting.push(member);
    members++;
    bytes += extra;
  }
  return fitting;
}
