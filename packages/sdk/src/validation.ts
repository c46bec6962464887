/**
 * `@volunteerkit/sdk/validation`: response validation against the contract, as an explicit
 * opt-in. It imports zod and every schema of the contract (about 14 KB gzip), which is why the
 * client does not: a bundle that never imports this entry carries none of it.
 *
 * ```ts
 * import { createClient } from '@volunteerkit/sdk';
 * import { responseValidator } from '@volunteerkit/sdk/validation';
 * const vk = createClient({ baseUrl, secretKey, validate: responseValidator });
 * ```
 *
 * @module
 */
import type { ZodMiniType } from 'zod/mini';
import * as contract from './schemas/index.js';
import { ResponseValidationError } from './core/errors.js';
import type { ResponseValidator } from './internal/contract-types.js';

export type { ResponseValidator, SchemaName } from './internal/contract-types.js';

/**
 * Checks every answer (and the first sign-up inside a duplicate sign-up's 409) against its
 * contract schema. A mismatch raises `ResponseValidationError` with the dot path of each issue
 * (`data.0.shifts.0.capacity`) and never the values, which may be personal data.
 */
export const responseValidator: ResponseValidator = (value, schema, what) => {
  const result = (contract[schema] as ZodMiniType).safeParse(value);
  if (result.success) return result.data;
  throw new ResponseValidationError(what, contract.toFieldErrors(result.error.issues));
};
