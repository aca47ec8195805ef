/** Domain errors the HTTP layer maps to 4xx; each names the field or resource at fault. */
export class NotFoundError extends Error {
}
export class ConflictError extends Error {
}
export class ValidationError extends Error {
    field;
    constructor(field, message) {
        super(`${field}: ${message}`);
        this.field = field;
    }
}
export class ForbiddenError extends Error {
}
/** The same Idempotency-Key was sent with a different request body. */
export class IdempotencyMismatchError extends Error {
}
