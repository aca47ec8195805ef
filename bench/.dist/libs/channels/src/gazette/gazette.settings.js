import * as fs from 'node:fs';
import * as path from 'node:path';
export function gazetteSettings(channel) {
    const s = channel.settings;
    return {
        title: String(s.title ?? '政府公报'),
        publisher: String(s.publisher ?? ''),
        outputDir: path.resolve(String(s.outputDir ?? path.join(process.env.DATA_DIR ?? '.data', 'gazette'))),
        publicBaseUrl: String(s.publicBaseUrl ?? '').replace(/\/+$/, ''),
        chromiumPath: String(s.chromiumPath ?? '/usr/bin/chromium'),
        pdfTimeoutMs: Number(s.pdfTimeoutMs ?? 60000),
    };
}
export function checkGazetteSettings(name, s) {
    const where = `channel ${name}`;
    const problems = [];
    if (!s.title.trim())
        problems.push(`${where}: settings.title must name the gazette`);
    try {
        if (!/^https?:$/.test(new URL(s.publicBaseUrl).protocol))
            throw new Error();
    }
    catch {
        problems.push(`${where}: settings.publicBaseUrl must be the http(s) URL readers reach the API at (issue links start with it)`);
    }
    if (!(s.pdfTimeoutMs > 0))
        problems.push(`${where}: settings.pdfTimeoutMs must be positive`);
    return problems;
}
/** Not a boot failure: the API still serves everything else; publishing says what to install. */
export function chromiumMissing(s) {
    return fs.existsSync(s.chromiumPath)
        ? null
        : `Chromium is needed to print the gazette as PDF and was not found at ${s.chromiumPath} (settings.chromiumPath); on Debian: apt-get install chromium fonts-noto-cjk`;
}
