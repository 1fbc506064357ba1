export interface Dsn {
  publicKey: string;
  projectId: string;
  /** `{protocol}://{host}[:{port}][/{path}]` */
  base: string;
}

/** Parses `{protocol}://{publicKey}@{host}[:{port}][/{path}]/{projectId}`; malformed input gives `undefined`. */
// protocol, public key (an optional `:secret` is ignored), host with optional port, optional path,
// project id. A regex rather than `new URL`: the first URL parse of a page is a noticeable part of
// init's cost, and a DSN needs none of URL's normalisation.
const DSN = /^(https?):\/\/([^:@/?#\s]+)(?::[^@/?#\s]*)?@(\[[0-9a-fA-F:.]+\]|[^:@/?#\s[\]]+)(:\d{1,5})?((?:\/[^/?#\s]+)*?)\/(\w+)\/?$/;

/** Parses `{protocol}://{publicKey}@{host}[:{port}][/{path}]/{projectId}`; malformed input gives `undefined`. */
export function parseDsn(dsn: unknown): Dsn | undefined {
  const m = typeof dsn === 'string' ? DSN.exec(dsn) : null;
  if (!m) return undefined;
  const [, protocol, key, host, port = '', path, projectId] = m as unknown as string[];
  try {
    return { publicKey: decodeURIComponent(key!), projectId: projectId!, base: `${protocol}://${host!.toLowerCase()}${port}${path}` };
  } catch {
    return undefined;
  }
}

/** The envelope endpoint of docs/contract.md §2 `dsn`. */
export function envelopeUrl(dsn: Dsn, sdkVersion: string): string {
  return (
    `${dsn.base}/api/${dsn.projectId}/envelope/?sentry_version=7` +
    `&sentry_key=${encodeURIComponent(dsn.publicKey)}&sentry_client=tracewire%2F${sdkVersion}`
  );
}

/** Where envelopes go (docs/contract.md §2): `tunnel` when set, else the DSN's endpoint; none for a missing or malformed DSN. */
export function envelopeEndpoint(options: { dsn?: unknown; tunnel?: string }, sdkVersion: string): string | undefined {
  if (options.tunnel) return options.tunnel;
  const dsn = parseDsn(options.dsn);
  return dsn && envelopeUrl(dsn, sdkVersion);
}
