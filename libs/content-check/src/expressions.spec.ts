import path from 'node:path';
import { checkContent } from './checker.js';
import { ExpressionsFileError, loadExpressions, parseExpressions } from './expressions.js';

describe('config/expressions.yaml', () => {
  it('loads, and every entry cites a source', () => {
    const list = loadExpressions(path.resolve('config/expressions.yaml'));
    expect(list.length).toBeGreaterThan(5);
    for (const e of list) expect(e.source).toMatch(/《.+》/);
  });

  it('names each bad entry and key in one line', () => {
    const text = `sources: { a: 《某规范》 }\nexpressions:\n  - { wrong: 甲, correct: 乙, source: b }\n  - { wrong: 丙 }\n  - { wrong: 丁, correct: 丁, source: a }\n`;
    let err: ExpressionsFileError | undefined;
    try {
      parseExpressions(text, 'x.yaml');
    } catch (e) {
      err = e as ExpressionsFileError;
    }
    expect(err?.problems).toEqual([
      'expressions[0] (甲): source must be one of the keys under sources (a)',
      'expressions[1] (丙): correct must be a non-empty string',
      'expressions[2] (丁): wrong and correct are the same',
    ]);
  });
});

describe('checkContent', () => {
  const expressions = parseExpressions(`sources: { s: 《规范》 }\nexpressions:\n  - { wrong: 想像, correct: 想象, source: s }\n  - { wrong: 二零二六年, correct: 二〇二六年, source: s }\n`);
  it('reports wrong expressions with the fix and the field, and an unmasked 身份证号 as blocking', () => {
    const f = checkContent({ title: '二零二六年工作要点', bodyText: '难以想像。申请人11010519491231002X。', attachments: [{ filename: '名单.xlsx', text: '联系人 13812345678' }] }, expressions);
    expect(f.map((x) => [x.field, x.kind, x.severity, x.fix])).toEqual([
      ['title', 'expression', 'warning', '二〇二六年'],
      ['body', 'expression', 'warning', '想象'],
      ['body', 'id_card', 'block', '110105********002X'],
      ['attachments[0]', 'mobile', 'warning', '138****5678'],
    ]);
    expect(f[2].message).toContain('正文含未脱敏的居民身份证号码');
    expect(f[3].message).toContain('附件“名单.xlsx”');
  });
  it('passes clean text', () => {
    expect(checkContent({ title: '二〇二六年工作要点', bodyText: '想象。110105********002X', attachments: [] }, expressions)).toEqual([]);
  });
});
