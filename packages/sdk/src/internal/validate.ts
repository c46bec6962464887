/**
 * Response validation against the contract, loaded lazily: the schemas (and zod with them) are
 * fetched by a dynamic `import()` that starts together with the first request, so they cost no
 * latency on the critical path and no bytes in the entry chunk of a bundle that splits code.
 * With `validateResponses: false` they are never loaded.
 *
 * @internal
 * @module
 */
import type * as z from 'zod/mini';
import { ConnectionError, ResponseValidationError } from '../core/errors.js';

type Contract = typeof import('../schemas/index.js');

/** The response schemas resources refer to, by their name in the contract. */
export type SchemaName =
  | 'Opportunity'
  | 'OpportunityPage'
  | 'Organization'
  | 'OrganizationPage'
  | 'Channel'
  | 'Signup'
  | 'SignupPage'
  | 'SignupExport'
  | 'SignupExportPage'
  | 'HonorBoard'
  | 'ImpactStats'
  | 'VolunteerProfile'
  | 'ServiceRecord'
  | 'ServiceRecordPage'
  | 'Session';

/** The TypeScript type a schema validates to. */
export type Output<N extends SchemaName> = z.output<Contract[N]>;

let contract: Promise<Contract> | undefined;

/**
 * Starts loading the schemas (once per page) and returns the pending module. A failed load (the
 * chunk could not be fetched: offline, a deploy removed it) is not remembered, so the next call
 * tries again, and it surfaces as a ConnectionError like any other network failure.
 */
export function loadContract(): Promise<Contract> {
  contract ??= import('../schemas/index.js').catch((cause: unknown) => {
    contract = undefined;
    throw new ConnectionError('Could not load the response validators (set validateResponses: false to skip them)', { cause });
  });
  return contract;
}

/**
 * Parses `text` as JSON and, when `schema` is given, checks it against that contract schema.
 * Throws {@link ResponseValidationError} naming the first mismatching path.
 */
export async function parseBody<N extends SchemaName>(
  text: string,
  schema: N,
  validate: boolean,
  describe: string,
): Promise<Output<N>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ResponseValidationError(describe, [{ path: '', message: 'the body is not JSON', code: 'invalid_json' }]);
  }
  if (!validate) return body as Output<N>;
  return checkAgainst(body, schema, describe);
}

/** Checks an already parsed value (e.g. a 409's `existing`) against a contract schema. */
export async function checkAgainst<N extends SchemaName>(value: unknown, schema: N, describe: string): Promise<Output<N>> {
  const module = await loadContract();
  const result = (module[schema] as z.ZodMiniType).safeParse(value);
  if (result.success) return result.data as Output<N>;
  throw new ResponseValidationError(describe, module.toFieldErrors(result.error.issues));
}
