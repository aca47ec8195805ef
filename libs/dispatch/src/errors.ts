/** Domain errors the HTTP layer maps to 4xx; each names the field or resource at fault. */
export class NotFoundError extends Error {}
export class ConflictError extends Error {}
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
export class ForbiddenError extends Error {}
/** The same Idempotency-Key was sent with a different request body. */
export class IdempotencyMismatchError extends Error {}
