/**
 * The platform's published keys and revocation list, fetched fresh when online and kept in
 * localStorage, so a verify page that loaded once still checks certificates offline (a school's
 * office with a poor connection). Keys are public: nothing secret is stored.
 *
 * @module
 */
import type { CertificateKeySet, CertificateRevocationList } from '@volunteerkit/sdk/verify';

export interface VerificationMaterial {
  jwks: CertificateKeySet;
  /** `undefined` when neither the network nor the cache had it. */
  revocations: CertificateRevocationList | undefined;
  /** When the material was fetched. */
  fetchedAt: string;
  /** Whether it came from this device's cache because the network failed. */
  fromCache: boolean;
}

const storageKey = (baseUrl: string) => `volunteerkit:certificate-keys:${baseUrl}`;

function readCache(baseUrl: string): VerificationMaterial | undefined {
  try {
    const raw = localStorage.getItem(storageKey(baseUrl));
    const cached = raw ? (JSON.parse(raw) as VerificationMaterial) : undefined;
    return cached && Array.isArray(cached.jwks?.keys) ? { ...cached, fromCache: true } : undefined;
  } catch {
    return undefined; // storage blocked (private mode) or damaged: fetch instead
  }
}

function writeCache(baseUrl: string, material: VerificationMaterial): void {
  try {
    localStorage.setItem(storageKey(baseUrl), JSON.stringify(material));
  } catch {
    // Full or blocked: verification still works online.
  }
}

async function getJson<T>(url: string, signal: AbortSignal | undefined, cache: RequestCache): Promise<T> {
  const response = await fetch(url, { signal: signal ?? null, cache, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The keys and revocations of the platform at `baseUrl`: from the network when it answers (and
 * saved), else the saved copy; `undefined` when there is neither. The revocation list is always
 * revalidated (a revocation must show at once; an unchanged list costs a 304); the keys may come
 * from the browser's HTTP cache unless `reloadKeys` (a certificate names a key not in it: a
 * rotation happened since).
 */
export async function verificationMaterial(baseUrl: string, options: { signal?: AbortSignal; reloadKeys?: boolean } = {}): Promise<VerificationMaterial | undefined> {
  const cached = readCache(baseUrl);
  const root = baseUrl.replace(/\/+$/, '');
  try {
    const [jwks, revocations] = await Promise.all([
      getJson<CertificateKeySet>(`${root}/.well-known/jwks.json`, options.signal, options.reloadKeys ? 'no-cache' : 'default'),
      getJson<CertificateRevocationList>(`${root}/.well-known/certificate-revocations.json`, options.signal, 'no-cache').catch(() => cached?.revocations),
    ]);
    const material: VerificationMaterial = { jwks, revocations, fetchedAt: new Date().toISOString(), fromCache: false };
    writeCache(baseUrl, material);
    return material;
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') throw error;
    return cached;
  }
}
