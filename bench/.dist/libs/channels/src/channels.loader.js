import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { channelsFileSchema, queueSchema } from './channels.schema.js';
export class ChannelsConfigError extends Error {
}
/** The implicit channel every unmapped carrier falls back to: a task for a person, never a silent drop. */
export const MANUAL_CHANNEL = 'manual';
/**
 * Reads config/channels.yaml. String values may say ${VAR} or ${VAR:-default}: secrets stay in the
 * environment, and the defaults point at the demo sinks so a fresh checkout works without any setting.
 */
export function loadChannelsFile(file, env = process.env) {
    const name = path.basename(file);
    if (!fs.existsSync(file))
        throw new ChannelsConfigError(`channels: ${file} does not exist`);
    let raw;
    try {
        raw = parse(fs.readFileSync(file, 'utf8'));
    }
    catch (err) {
        throw new ChannelsConfigError(`channels ${name}: not valid YAML: ${err.message.split('\n')[0]}`);
    }
    const problems = [];
    const interpolated = interpolate(raw, env, [], problems);
    const parsed = channelsFileSchema.safeParse(interpolated ?? {});
    if (!parsed.success) {
        for (const i of parsed.error.issues)
            problems.push(`channels ${name}: ${i.path.join('.')}: ${i.message}`);
    }
    if (problems.length || !parsed.success)
        throw new ChannelsConfigError(problems.join('\n'));
    const seen = new Set();
    const channels = [];
    for (const c of parsed.data.channels) {
        if (seen.has(c.name) || c.name === MANUAL_CHANNEL)
            problems.push(`channels ${name}: channel ${c.name}: name: duplicate or reserved`);
        seen.add(c.name);
        channels.push({ ...c, queue: queueSchema.parse({ ...parsed.data.defaults.queue, ...c.queue }) });
    }
    if (problems.length)
        throw new ChannelsConfigError(problems.join('\n'));
    channels.push({
        name: MANUAL_CHANNEL,
        type: 'manual',
        label: '人工任务',
        carriers: [],
        settings: {},
        queue: queueSchema.parse({ concurrency: 20, attempts: 5, backoffMs: 1000 }),
    });
    return channels;
}
function interpolate(value, env, at, problems) {
    if (typeof value === 'string') {
        // innermost first, so ${A:-${B}/path} works: each pass resolves expressions that contain no other
        let out = value;
        for (let pass = 0; pass < 5 && out.includes('${'); pass++) {
            out = out.replace(/\$\{([A-Z0-9_]+)(?::-([^{}$]*))?\}/g, (_m, key, fallback) => {
                const v = env[key];
                if (v !== undefined && v !== '')
                    return v;
                if (fallback !== undefined)
                    return fallback;
                problems.push(`channels: ${at.join('.')}: environment variable ${key} is not set`);
                return '';
            });
        }
        // a value that was one whole expression takes the type its text reads as (true, false, a number)
        if (/^\$\{.*\}$/.test(value)) {
            if (out === 'true' || out === 'false')
                return out === 'true';
            if (/^-?\d+(\.\d+)?$/.test(out))
                return Number(out);
        }
        return out;
    }
    if (Array.isArray(value))
        return value.map((v, i) => interpolate(v, env, [...at, String(i)], problems));
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, [...at, k], problems)]));
    }
    return value;
}
