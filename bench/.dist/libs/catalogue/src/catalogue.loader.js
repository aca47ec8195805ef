import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { catalogueFileSchema } from './catalogue.schema.js';
export class CatalogueLoadError extends Error {
}
/**
 * Reads every *.yaml / *.yml / *.json catalogue in a directory and validates it. Problems are collected and
 * thrown together, each naming file, item and field, so an operator fixes a file in one pass.
 */
export function loadCatalogueDirectory(dir) {
    if (!fs.existsSync(dir))
        throw new CatalogueLoadError(`catalogue: directory ${dir} does not exist`);
    const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    if (files.length === 0)
        throw new CatalogueLoadError(`catalogue: no catalogue files in ${dir}`);
    const problems = [];
    const catalogues = [];
    const codes = new Map();
    for (const file of files) {
        const result = parseCatalogue(path.join(dir, file), fs.readFileSync(path.join(dir, file), 'utf8'));
        if ('problems' in result) {
            problems.push(...result.problems);
            continue;
        }
        const other = codes.get(result.catalogue.code);
        if (other)
            problems.push(`catalogue ${file}: code "${result.catalogue.code}" is already used by ${other}`);
        codes.set(result.catalogue.code, file);
        catalogues.push(result.catalogue);
    }
    if (problems.length)
        throw new CatalogueLoadError(problems.join('\n'));
    return catalogues;
}
export function parseCatalogue(file, source) {
    const name = path.basename(file);
    let raw;
    try {
        raw = file.endsWith('.json') ? JSON.parse(source) : parse(source);
    }
    catch (err) {
        return { problems: [`catalogue ${name}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${err.message.split('\n')[0]}`] };
    }
    const result = catalogueFileSchema.safeParse(raw);
    const problems = [];
    if (!result.success) {
        for (const issue of result.error.issues)
            problems.push(`catalogue ${name}: ${describePath(raw, issue.path)}: ${issue.message}`);
        return { problems };
    }
    const seen = new Set();
    for (const item of result.data.items) {
        if (seen.has(item.id))
            problems.push(`catalogue ${name}: item ${item.id}: id: duplicate id`);
        seen.add(item.id);
    }
    return problems.length ? { problems } : { catalogue: result.data };
}
/** items.3.carriers.1 → item 01-04, field carriers.1 — the item's own id reads better than its index. */
function describePath(raw, p) {
    if (p[0] === 'items' && typeof p[1] === 'number') {
        const item = raw.items?.[p[1]];
        const id = typeof item?.id === 'string' ? item.id : `#${p[1] + 1}`;
        const field = p.slice(2).map(String).join('.') || '(item)';
        return `item ${id}, field ${field}`;
    }
    return `field ${p.map(String).join('.') || '(file)'}`;
}
