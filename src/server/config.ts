/** Server settings from environment variables; a bad value stops start-up with a message that names it. */
import path from 'node:path';
import { safetyNetRefusal, trashSafetyNet } from '../domain';
import { canonicalHostname } from './http/own-hosts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** DATABASE_URL: PostgreSQL (postgres://…); null: SQLite in DATA_DIR. */
  databaseUrl: string | null;
  demoData: boolean;
  /** Where blob bytes live: files under DATA_DIR, or an S3-compatible bucket (BLOB_STORE_URL). */
  blobStore: BlobStoreConfig;
  gc: {
    /**
     * Off by the switch, or, with the file store, by GC_REQUIRE_SAFETY_NET (its trash is known at
     * start). With object storage the safety net can change while the server runs (bucket
     * versioning), so that refusal is decided at each run and status (gc/gate.ts).
     */
    enabled: boolean;
    disabledReason: string | null;
    /** GC_REQUIRE_SAFETY_NET=true: refuse runs while nothing keeps the files they remove. */
    requireSafetyNet: boolean;
    graceSeconds: number;
    intervalSeconds: number;
    trashRetentionSeconds: number;
    uploadWindowSeconds: number;
  };
  ttlIntervalSeconds: number;
  /** Largest blob accepted by `PUT .../blobs/:digest`. */
  maxBlobBytes: number;
  /** Largest JSON request body. */
  maxJsonBytes: number;
  /** Extra names the server answers to (`Host`), canonical (lowercase, IPv6 in brackets). */
  allowedHosts: string[];
  /** ADMIN_PASSWORD: the built-in admin's password, set at every start; null: keep it (or make one on a new store). */
  adminPassword: string | null;
  /** ADMIN_API_KEY: a bearer key for the admin, set at every start (provisioning scripts, test harnesses). */
  adminApiKey: string | null;
  sessionTtlSeconds: number;
  /**
   * TRUST_PROXY=true: the server is reached only through a proxy, whose X-Forwarded-Proto and last
   * X-Forwarded-For entry say the client's scheme and address (decision 199); false: both ignored.
   */
  trustProxy: boolean;
  /** LEASE_SECONDS: how long a server that stops answering keeps its place in the fleet and its GC run. */
  leaseSeconds: number;
}

export type BlobStoreConfig =
  | { kind: 'file' }
  | {
      kind: 's3';
      bucket: string;
      /** Key prefix with its trailing slash ('' for the bucket's root), e.g. 'attic/'. */
      prefix: string;
      /** S3_ENDPOINT: an S3-compatible server other than AWS; null: AWS. */
      endpoint: string | null;
      forcePathStyle: boolean;
      /** AWS_REGION (or AWS_DEFAULT_REGION); null: the SDK's own lookup (profile), else us-east-1. */
      region: string | null;
      /** From the environment given to loadConfig; null: the SDK's default chain (profiles, instance roles). */
      credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
    };

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** 100 years: intervals are waited in steps (long-timeout.ts), but the next run's date must stay a date. */
const MAX_INTERVAL_SECONDS = 100 * 365 * 86400;

function number(env: Env, name: string, fallback: number, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = opts;
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is not valid: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}.`);
  }
  return value;
}

/**
 * On or off, and why: the switch first; then GC_REQUIRE_SAFETY_NET=true turns it off while nothing
 * would keep removed files (the file store's safety net is its trash, kept for the retention).
 */
function gcSwitch(
  env: Env,
  trashRetentionSeconds: number,
  blobStore: BlobStoreConfig,
): { enabled: boolean; disabledReason: string | null; requireSafetyNet: boolean } {
  const requireSafetyNet = boolean(env, 'GC_REQUIRE_SAFETY_NET', false);
  const switched = gcOnOff(env);
  if (!switched.enabled || blobStore.kind !== 'file') return { ...switched, requireSafetyNet };
  const refusal = safetyNetRefusal(requireSafetyNet, trashSafetyNet(trashRetentionSeconds));
  return refusal === null ? { ...switched, requireSafetyNet } : { enabled: false, disabledReason: refusal, requireSafetyNet };
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name}=${JSON.stringify(raw)} is not valid: use true or false.`);
  return raw === 'true';
}

/** BLOB_STORE_URL=s3://bucket[/prefix] with S3_ENDPOINT and S3_FORCE_PATH_STYLE; unset: files in DATA_DIR. */
function blobStoreConfig(env: Env): BlobStoreConfig {
  const raw = env.BLOB_STORE_URL;
  const endpoint = s3Endpoint(env);
  const forcePathStyle = boolean(env, 'S3_FORCE_PATH_STYLE', false);
  if (raw === undefined || raw === '') return { kind: 'file' };
  // Bucket names: 3 to 63 lowercase letters, digits, dots and hyphens (S3's rules, which the
  // S3-compatible servers follow); the prefix is any key path without empty segments.
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(raw);
  const prefix = (match?.[2] ?? '').replace(/\/+$/, '');
  if (!match || (prefix !== '' && prefix.split('/').includes(''))) {
    throw new ConfigError(
      `BLOB_STORE_URL=${JSON.stringify(raw)} is not valid: expected s3://bucket or s3://bucket/prefix (a bucket name of 3 to 63 lowercase letters, digits, dots and hyphens); leave it unset to keep blobs in DATA_DIR.`,
    );
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    kind: 's3',
    bucket: match[1]!,
    prefix: prefix === '' ? '' : `${prefix}/`,
    endpoint,
    forcePathStyle,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || null,
    credentials:
      accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } : null,
  };
}

function s3Endpoint(env: Env): string | null {
  const raw = env.S3_ENDPOINT;
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `S3_ENDPOINT=${JSON.stringify(raw)} is not valid: expected the server's URL, such as https://s3.example.org or http://127.0.0.1:9000.`,
    );
  }
  return raw;
}

function gcOnOff(env: Env): { enabled: boolean; disabledReason: string | null } {
  for (const name of ['ARTIFACT_GC_ENABLED', 'GORILLA_ARTIFACT_GC_ENABLED']) {
    const raw = env[name];
    if (raw === undefined) continue;
    return raw === 'true'
      ? { enabled: true, disabledReason: null }
      : {
          enabled: false,
          disabledReason: `Garbage collection is off: the server was started with ${name}=${JSON.stringify(raw)}; set it to "true" to enable it.`,
        };
  }
  return { enabled: true, disabledReason: null };
}

function hostList(env: Env, name: string): string[] {
  const raw = env[name] ?? '';
  return raw
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const host = canonicalHostname(entry);
      if (host === null)
        throw new ConfigError(
          `${name}=${JSON.stringify(raw)} is not valid: "${entry.trim()}" is not a host name; expected names such as attic.example.org or 192.168.1.20, without scheme or port, separated by commas.`,
        );
      return host;
    });
}

/** DATABASE_URL, when set, names a PostgreSQL database; its password is never echoed in an error. */
function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not valid: expected a URL such as postgres://user:password@host:5432/attic.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL is not valid: "${url.protocol}" is not supported; use postgres://… for PostgreSQL, or leave it unset for SQLite in DATA_DIR.`,
    );
  }
  return raw;
}

/** A secret from the environment; too short to be one is a start-up error (its value is never echoed). */
function secret(env: Env, name: string, minLength: number): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < minLength) throw new ConfigError(`${name} is too short: use at least ${minLength} characters.`);
  return raw;
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const trashRetentionSeconds = number(env, 'GC_TRASH_RETENTION_SECONDS', 604800);
  const blobStore = blobStoreConfig(env);
  const demo = env.DEMO_DATA ?? '1';
  if (demo !== '0' && demo !== '1') throw new ConfigError(`DEMO_DATA=${JSON.stringify(demo)} is not valid: use 1 (seed the demo) or 0 (start empty).`);
  const host = env.HOST || '127.0.0.1';
  if (/\s/.test(host)) throw new ConfigError(`HOST=${JSON.stringify(host)} is not valid: expected an address such as 127.0.0.1 or 0.0.0.0.`);
  return {
    port: number(env, 'PORT', 8080, { max: 65535, integer: true }),
    host,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: databaseUrl(env),
    demoData: demo === '1',
    blobStore,
    gc: {
      ...gcSwitch(env, trashRetentionSeconds, blobStore),
      graceSeconds: number(env, 'GC_GRACE_SECONDS', 86400),
      intervalSeconds: number(env, 'GC_INTERVAL_SECONDS', 3600, { min: 1, max: MAX_INTERVAL_SECONDS }),
      trashRetentionSeconds,
      // A blob uploaded but not (yet) referenced is left alone this long, so a client can upload before it logs.
      uploadWindowSeconds: number(env, 'GC_UPLOAD_WINDOW_SECONDS', 3600),
    },
    ttlIntervalSeconds: number(env, 'TTL_INTERVAL_SECONDS', 60, { min: 1, max: MAX_INTERVAL_SECONDS }),
    maxBlobBytes: number(env, 'MAX_BLOB_BYTES', 5 * 1024 ** 3, { min: 1, integer: true }),
    maxJsonBytes: number(env, 'MAX_JSON_BYTES', 32 * 1024 ** 2, { min: 1024, integer: true }),
    allowedHosts: hostList(env, 'ALLOWED_HOSTS'),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    adminPassword: secret(env, 'ADMIN_PASSWORD', 8),
    adminApiKey: secret(env, 'ADMIN_API_KEY', 20),
    leaseSeconds: number(env, 'LEASE_SECONDS', 30, { min: 1, max: 3600 }),
    sessionTtlSeconds: number(env, 'SESSION_TTL_SECONDS', 7 * 86400, { min: 60, max: 365 * 86400, integer: true }),
  };
}
