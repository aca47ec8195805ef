import axios, { isAxiosError } from 'axios';
import http from 'node:http';
import https from 'node:https';
export function gatewayHttp(timeoutMs) {
    return axios.create({
        timeout: timeoutMs,
        httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
        httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
        maxRedirects: 0,
        validateStatus: () => true,
        transformResponse: (data) => data,
    });
}
export function allAs(recipients, r) {
    return recipients.map((x) => ({ ...r, subscriberId: x.subscriberId }));
}
/**
 * SMS gateways do not deduplicate: a request that may have reached the gateway is never sent again by itself.
 * Only a connection that never opened proves the gateway did not get the request.
 */
export function networkFailure(recipients, err, gateway) {
    const code = isAxiosError(err) ? err.code ?? '' : '';
    const message = `${gateway}: ${code ? `${code} ` : ''}${err?.message ?? String(err)}`.slice(0, 300);
    const notSent = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(`${code} ${err?.message ?? ''}`);
    if (notSent)
        return allAs(recipients, { status: 'retry', error: message });
    const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
    return allAs(recipients, { status: 'unknown', error: timedOut ? `${message} (request timed out; the gateway may have sent it)` : message });
}
export function parseJson(data) {
    if (typeof data !== 'string' || !data)
        return null;
    try {
        const v = JSON.parse(data);
        return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
    }
    catch {
        return null;
    }
}
