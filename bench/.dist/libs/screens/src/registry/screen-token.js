import { createHash, randomBytes, randomInt } from 'node:crypto';
/** 32 random bytes: unguessable, so a fast hash is enough to store it (nothing to brute-force). */
export function newScreenToken() {
    return randomBytes(32).toString('base64url');
}
export function hashToken(token) {
    return createHash('sha256').update(token, 'utf8').digest('hex');
}
/** Eight digits to type on a display's remote: short-lived, single use, and a few wrong guesses void it. */
export function newPairingCode() {
    return String(randomInt(0, 100_000_000)).padStart(8, '0');
}
export function hashPairingCode(screenId, code) {
    return createHash('sha256').update(`${screenId}:${code}`, 'utf8').digest('hex');
}
/** The token from `Authorization: Bearer …`, or from `?token=` where a client cannot set headers (EventSource, feed readers). */
export function tokenFrom(authorization, query) {
    if (authorization?.startsWith('Bearer '))
        return authorization.slice(7).trim() || undefined;
    return typeof query === 'string' && query ? query : undefined;
}
