import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
/** Secrets for local mode, generated on first start and kept with the data so a restart keeps sessions valid. */
export function localSecrets(dataDir) {
    const file = path.join(dataDir, 'secrets.json');
    if (fs.existsSync(file))
        return JSON.parse(fs.readFileSync(file, 'utf8'));
    const secrets = { jwtSecret: randomBytes(32).toString('base64url'), webhookSecret: randomBytes(24).toString('base64url') };
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
}
