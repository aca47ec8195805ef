import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { AdapterError } from './adapter.contract.js';
/**
 * Refuses outbound requests to loopback, private, link-local and other non-public addresses unless the
 * channel's settings allow it, so a channel URL cannot be turned against the internal network (SSRF).
 */
export async function assertPublicTarget(url, allowPrivateNetwork) {
    if (allowPrivateNetwork)
        return;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    for (const address of addresses) {
        const range = ipaddr.process(address).range();
        if (range !== 'unicast') {
            throw new AdapterError(`target ${host} resolves to a ${range} address (${address}); set allowPrivateNetwork: true to allow it`, 'permanent');
        }
    }
}
