/**
 * The contract's check of a sign-up body, in a module of its own so that it (and zod with it)
 * can be imported on first need: see {@link loadValidation} in `form-model.ts`.
 *
 * @module
 */
import { CreateSignupBody, toFieldErrors, type FieldError } from '@volunteerkit/sdk/schemas';

/**
 * What `CreateSignupBody` finds wrong with `body`, as the server's `{ path, message, code }`
 * field errors: the guest volunteer (`GuestVolunteer`, paths `volunteer.…`), the answers' shape
 * and lengths, the shift id and consent.
 */
export function contractProblems(body: unknown): FieldError[] {
  const parsed = CreateSignupBody.safeParse(body);
  return parsed.success ? [] : toFieldErrors(parsed.error.issues);
}
