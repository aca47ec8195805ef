import { chooseAdmin, localLogLevel, startupSummary } from './startup-summary.js';

describe('npm start summary', () => {
  it('generates the admin password only on a first start without BOOTSTRAP_ADMIN_PASSWORD', () => {
    expect(chooseAdmin(0, undefined, () => 'pw-generated-1')).toEqual({ kind: 'generated', password: 'pw-generated-1' });
    expect(chooseAdmin(0, 'from-the-environment')).toEqual({ kind: 'from-env' });
    expect(chooseAdmin(3, undefined)).toEqual({ kind: 'exists' });
    expect(chooseAdmin(0, undefined).kind).toBe('generated'); // the real generator gives a usable password
    expect((chooseAdmin(0, undefined) as { password: string }).password.length).toBeGreaterThanOrEqual(12);
  });

  it('logs only warnings locally unless LOG_LEVEL asks for more', () => {
    expect(localLogLevel({})).toBe('warn');
    expect(localLogLevel({ LOG_LEVEL: 'log' })).toBe('log');
  });

  it('shows the addresses and the generated password once, one per line', () => {
    const text = startupSummary({
      port: 3300,
      admin: { kind: 'generated', password: 'Xy7-secret' },
      services: [{ name: 'PostgreSQL', address: 'postgres://gongkai:gongkai@127.0.0.1:54400/gongkai' }],
      notes: ['政府公报 issues are written to /tmp/g'],
      dataDir: '/tmp/gkd',
      logLevel: 'warn',
    });
    const lines = text.split('\n');
    expect(lines).toContain('  back office  http://127.0.0.1:3300/');
    expect(lines).toContain('  API docs     http://127.0.0.1:3300/api/docs');
    expect(text.match(/Xy7-secret/g)).toHaveLength(1);
    expect(lines.find((l) => l.includes('log in as'))).toMatch(/admin — password Xy7-secret \(generated now/);
    expect(text).toContain('127.0.0.1:54400');
    expect(text).toContain('政府公报 issues are written to /tmp/g');
    expect(text).toContain('level warn');
    expect(lines.every((l) => !l.startsWith('{'))).toBe(true); // no JSON log line in the summary
  });

  it('never shows a password it did not generate', () => {
    expect(startupSummary({ port: 3000, admin: { kind: 'exists' }, services: [] })).toMatch(/password as set before/);
    expect(startupSummary({ port: 3000, admin: { kind: 'from-env' }, services: [] })).toMatch(/BOOTSTRAP_ADMIN_PASSWORD/);
    expect(startupSummary({ port: 3000, services: [] })).not.toMatch(/log in as/);
  });
});
