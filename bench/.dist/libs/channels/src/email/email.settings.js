export function emailSettings(channel) {
    const s = channel.settings;
    const dkim = s.dkim;
    return {
        smtpUrl: String(s.smtpUrl ?? ''),
        from: String(s.from ?? ''),
        replyTo: s.replyTo ? String(s.replyTo) : null,
        publicBaseUrl: String(s.publicBaseUrl ?? '').replace(/\/+$/, ''),
        batchSize: Number(s.batchSize ?? 500),
        poolSize: Number(s.poolSize ?? 5),
        timeoutMs: Number(s.timeoutMs ?? 30000),
        staleMs: Number(s.staleMs ?? 10 * 60 * 1000),
        ignoreTls: s.ignoreTls === true,
        dkim: dkim?.privateKey ? { domainName: String(dkim.domainName ?? ''), keySelector: String(dkim.keySelector ?? ''), privateKey: String(dkim.privateKey) } : null,
    };
}
export function checkEmailSettings(name, s) {
    const where = `channel ${name}`;
    const problems = [];
    try {
        const u = new URL(s.smtpUrl);
        if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:')
            problems.push(`${where}: settings.smtpUrl must start with smtp:// or smtps://`);
    }
    catch {
        problems.push(`${where}: settings.smtpUrl is not a valid URL (smtp://user:password@host:port)`);
    }
    if (!/@/.test(s.from))
        problems.push(`${where}: settings.from must be an address, e.g. 政务公开 <gongkai@example.gov.cn>`);
    try {
        if (!/^https?:$/.test(new URL(s.publicBaseUrl).protocol))
            throw new Error();
    }
    catch {
        problems.push(`${where}: settings.publicBaseUrl must be the http(s) URL subscribers reach the API at (for unsubscribe links)`);
    }
    if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 5000)
        problems.push(`${where}: settings.batchSize must be an integer from 1 to 5000`);
    if (!Number.isInteger(s.poolSize) || s.poolSize < 1 || s.poolSize > 100)
        problems.push(`${where}: settings.poolSize must be an integer from 1 to 100`);
    if (!(s.timeoutMs > 0))
        problems.push(`${where}: settings.timeoutMs must be positive`);
    if (!(s.staleMs > s.timeoutMs))
        problems.push(`${where}: settings.staleMs must be longer than settings.timeoutMs`);
    return problems;
}
