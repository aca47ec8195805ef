import { anchorText, parseAnchorLine } from './anchor-text.js';

describe('anchor text', () => {
  it('puts a machine-readable first line that parses back, and a zh-CN explanation', () => {
    const hash = 'a'.repeat(64);
    const text = anchorText({ seq: 42, hash, entryAt: '2026-11-24T01:00:00.000Z', createdAt: '2026-11-24T18:30:00.000Z' });
    expect(parseAnchorLine(text.split('\n')[0])).toEqual({ seq: 42, hash });
    expect(text).toContain('2026-11-25 02:30（北京时间）');
    expect(text).toContain(`anchorSeq=42&anchorHash=${hash}`);
    expect(parseAnchorLine('gongkai-audit-head seq=42 sha256=xyz')).toBeNull();
  });
});
