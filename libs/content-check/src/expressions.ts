import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One wrong or banned expression and what to write instead, with where the rule comes from. */
export interface Expression {
  wrong: string;
  correct: string;
  /** the published rule this entry follows; an entry without one is refused at load */
  source: string;
  /** why, shown next to the fix */
  note?: string;
}

/** Problems in the file, one line each, naming the entry and the key. */
export class ExpressionsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'));
  }
}

export function parseExpressions(text: string, file = 'expressions.yaml'): Expression[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ExpressionsFileError(file, [`not valid YAML: ${(e as Error).message.split('\n')[0]}`]);
  }
  const sources = (doc as { sources?: unknown })?.sources;
  const list = (doc as { expressions?: unknown })?.expressions;
  if (!sources || typeof sources !== 'object') throw new ExpressionsFileError(file, ['`sources` must map a short key to the cited publication']);
  if (!Array.isArray(list)) throw new ExpressionsFileError(file, ['`expressions` must be a list']);
  const cited = sources as Record<string, unknown>;
  const problems: string[] = [];
  const seen = new Set<string>();
  const out: Expression[] = [];
  list.forEach((raw, i) => {
    const e = (raw ?? {}) as Record<string, unknown>;
    const at = `expressions[${i}]${typeof e.wrong === 'string' ? ` (${e.wrong})` : ''}`;
    if (typeof e.wrong !== 'string' || !e.wrong.trim()) return void problems.push(`${at}: wrong must be a non-empty string`);
    if (typeof e.correct !== 'string' || !e.correct.trim()) return void problems.push(`${at}: correct must be a non-empty string`);
    if (e.wrong === e.correct) return void problems.push(`${at}: wrong and correct are the same`);
    if (typeof e.source !== 'string' || typeof cited[e.source] !== 'string') return void problems.push(`${at}: source must be one of the keys under sources (${Object.keys(cited).join(', ')})`);
    if (e.note !== undefined && typeof e.note !== 'string') return void problems.push(`${at}: note must be a string`);
    if (seen.has(e.wrong)) return void problems.push(`${at}: listed twice`);
    seen.add(e.wrong);
    out.push({ wrong: e.wrong, correct: e.correct, source: cited[e.source] as string, ...(e.note ? { note: e.note } : {}) });
  });
  if (problems.length) throw new ExpressionsFileError(file, problems);
  return out;
}

export function loadExpressions(path: string): Expression[] {
  return parseExpressions(readFileSync(path, 'utf8'), path);
}
