import { Test } from '@nestjs/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CalendarModule } from './calendar.module.js';
import { CalendarService } from './calendar.service.js';
import { HolidayDataError } from './holiday-year.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/holidays');

describe('CalendarModule / CalendarService', () => {
  it('forRoot loads the directory and applies the settings', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRoot(SHIPPED, { afterReviewWorkingDays: 5 })] }).compile();
    const service = moduleRef.get(CalendarService);
    expect(service.calendar.years()).toEqual([2024, 2025, 2026]);
    expect(service.settings).toEqual({ countStartDay: false, immediateGraceWorkingDays: 0, afterReviewWorkingDays: 5 });
    // 5 working days from 02-12: 02-13 (1), 02-14 Sat (2), 02-24 (3) 25 (4) 26 (5)
    const r = service.computeDue({ kind: 'after_review' }, { generatedAt: new Date('2026-02-01T00:00:00+08:00'), reviewedAt: new Date('2026-02-12T10:00:00+08:00') });
    expect(r.dueDate).toBe('2026-02-26');
    // per-call overrides win over the module's settings: 20 from 2025-12-25 → 2026-01-23
    const r2 = service.computeDue({ kind: 'after_review' }, { generatedAt: new Date(), reviewedAt: new Date('2025-12-25T10:00:00+08:00') }, { afterReviewWorkingDays: 20 });
    expect(r2.dueDate).toBe('2026-01-23');
    expect(service.workingDaysUntil(new Date('2025-09-30T10:00:00+08:00'), new Date('2025-10-09T23:59:59.999+08:00')).workingDays).toBe(1);
    await moduleRef.close();
  });

  it('forRootAsync takes the directory from a factory', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRootAsync({ useFactory: async () => ({ holidaysDir: SHIPPED }) })] }).compile();
    expect(moduleRef.get(CalendarService).settings.afterReviewWorkingDays).toBe(20);
    await moduleRef.close();
  });

  it('fails at start on a bad file, and reload keeps the old calendar on a bad file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-svc-'));
    try {
      fs.copyFileSync(path.join(SHIPPED, '2026.json'), path.join(dir, '2026.json'));
      const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRoot(dir)] }).compile();
      const service = moduleRef.get(CalendarService);
      expect(service.calendar.years()).toEqual([2026]);

      fs.writeFileSync(path.join(dir, '2027.json'), '{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}');
      expect(service.reload().years()).toEqual([2026, 2027]);

      fs.writeFileSync(path.join(dir, '2028.json'), 'not json');
      expect(() => service.reload()).toThrow('holidays 2028.json: not valid JSON');
      expect(service.calendar.years()).toEqual([2026, 2027]);
      await moduleRef.close();

      await expect(Test.createTestingModule({ imports: [CalendarModule.forRoot(dir)] }).compile()).rejects.toThrow(HolidayDataError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks up a new year file by itself within a minute, and keeps the calendar in force when a change is bad', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-watch-'));
    try {
      fs.copyFileSync(path.join(SHIPPED, '2026.json'), path.join(dir, '2026.json'));
      const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRoot(dir)] }).compile();
      const service = moduleRef.get(CalendarService);
      const start = Date.now();
      const due = () => service.computeDue({ kind: 'working_days', days: 20 }, { generatedAt: new Date('2026-12-20T10:00:00+08:00') });
      expect(due().provisional).toBe(true); // runs into 2027, which has no arrangement yet

      fs.writeFileSync(path.join(dir, '2027.json'), '{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}');
      service.refreshIfChanged(start + 1000); // within the minute: not yet looked at
      expect(service.calendar.years()).toEqual([2026]);
      service.refreshIfChanged(start + CalendarService.RECHECK_MS + 1);
      expect(service.calendar.years()).toEqual([2026, 2027]);
      expect(due().provisional).toBe(false);

      fs.writeFileSync(path.join(dir, '2028.json'), 'not json');
      service.refreshIfChanged(start + 3 * CalendarService.RECHECK_MS);
      expect(service.calendar.years()).toEqual([2026, 2027]); // the bad file is logged, the calendar stays
      expect(due().provisional).toBe(false);
      await moduleRef.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
