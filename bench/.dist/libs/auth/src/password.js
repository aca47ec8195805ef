import { hash, verify } from '@node-rs/argon2';
// Argon2id (memory-hard) with the OWASP-recommended minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export function hashPassword(password) {
    return hash(password, OPTIONS);
}
export async function verifyPassword(stored, password) {
    try {
        return await verify(stored, password);
    }
    catch {
        return false;
    }
}
/** Verified against when the user does not exist, so the answer takes as long either way. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$a2+gugt69RseFuhRa8QZcA$r6vMuAjHu6r5sbAjjulLZFfsbJ5wRWmtnuMhyrisvDw';
