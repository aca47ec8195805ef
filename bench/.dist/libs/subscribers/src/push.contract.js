/**
 * The whole delivery cannot succeed (template refused, bad credentials): every recipient not yet sent fails.
 * `results` reports what the chunk did before it stopped, so a recipient already sent is never marked failed.
 */
export class PushAbort extends Error {
    results;
    constructor(message, results = []) {
        super(message);
        this.results = results;
        this.name = 'PushAbort';
    }
}
export function isPushSender(adapter) {
    const a = adapter;
    return !!a && typeof a.sendChunk === 'function' && (a.medium === 'email' || a.medium === 'sms');
}
export function isVerificationSender(adapter) {
    return typeof adapter?.sendVerification === 'function';
}
