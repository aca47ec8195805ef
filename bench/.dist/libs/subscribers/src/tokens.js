import { createHash, randomBytes } from 'node:crypto';
/** 192 random bits, URL-safe: unguessable, and short enough for a link in a mail. */
export function newToken() {
    return randomBytes(24).toString('base64url');
}
/** Verification tokens are stored hashed: a leaked database does not let anyone confirm someone else's address. */
export function tokenHash(token) {
    return createHash('sha256').update(token).digest('hex');
}
export function isTokenShaped(token) {
    return typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
