export interface Dsn {
  publicKey: string;
  projectId: string;
  /** `{protocol}://{host}[:{port}][/{path}]` */
  base: string;
}

/** Parses `{protocol}://{publicKey}@{host}[:{port}][/{path}]/{projectId}`; malformed input gives `undefined`. */
export function parseDsn(dsn: unknown): Dsn | undefined {
  if (typeof dsn !== 'string') return undefined;
  let u: URL;
  try {
    u = new URL(dsn);
  } catch {
    return undefined;
  }
  const segments = u.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!/^https?:$/.test(u.protocol) || !u.username || !projectId || !/^\w+$/.test(projectId) || u.search || u.hash) {
    return undefined;
  }
  const path = segments.length ? `/${segments.join('/')}` : '';
  let publicKey: string;
  try {
    publicKey = decodeURIComponent(u.username);
  } catch {
    return undefined;
  }
  return { publicKey, projectId, base: `${u.protocol}//${u.host}${path}` };
}

/** The envelope endpoint of SPEC §2 `dsn`. */
export function envelopeUrl(dsn: Dsn, sdkVersion: string): string {
  return (
    `${dsn.base}/api/${dsn.projectId}/envelope/?sentry_version=7` +
    `&sentry_key=${encodeURIComponent(dsn.publicKey)}&sentry_client=tracewire%2F${sdkVersion}`
  );
}
