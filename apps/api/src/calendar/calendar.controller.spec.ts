import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { CalendarModule } from '../../../../libs/calendar/src/index.js';
import { CalendarController } from './calendar.controller.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../config/holidays');

describe('CalendarController (GET /api/calendar/...)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CalendarModule.forRoot(SHIPPED)], controllers: [CalendarController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api');
    await app.init();
  });
  afterAll(() => app.close());
  const get = (url: string) => request(app.getHttpServer()).get(url);

  it('computes 20 working days across 元旦 2026', async () => {
    // 12-26 (1), 12-29…31 (2-4), 01-04 Sun make-up (5), 01-05…23 (6-20)
    const res = await get('/api/calendar/due-date?from=2025-12-25&kind=working_days&days=20').expect(200);
    expect(res.body).toEqual({ dueDate: '2026-01-23', dueAt: '2026-01-23T15:59:59.999Z', provisional: false });
  });

  it('flags a provisional result with a warning', async () => {
    const res = await get('/api/calendar/due-date?from=2030-01-30&kind=working_days&days=5').expect(200);
    expect(res.body).toMatchObject({ dueDate: '2030-02-06', provisional: true, warning: expect.stringContaining('2030') });
  });

  it('handles the other kinds with their own parameters', async () => {
    expect((await get('/api/calendar/due-date?kind=immediate&from=2025-10-01').expect(200)).body.dueDate).toBe('2025-10-09');
    expect((await get('/api/calendar/due-date?kind=days_after_approval&days=20&approvalDate=2026-03-10').expect(200)).body.dueDate).toBe('2026-03-30');
    expect((await get('/api/calendar/due-date?kind=after_notice_period&months=1&noticeEndDate=2026-01-31').expect(200)).body.dueDate).toBe('2026-02-28');
    expect((await get('/api/calendar/due-date?kind=after_review&reviewedAt=2025-12-25T10:00:00%2B08:00').expect(200)).body.dueDate).toBe('2026-01-23');
    expect((await get('/api/calendar/due-date?kind=with_policy&policyDueAt=2026-01-23').expect(200)).body.dueDate).toBe('2026-01-23');
    expect((await get('/api/calendar/due-date?kind=annual_report&from=2025-06-01').expect(200)).body).toMatchObject({ dueDate: '2026-01-31', warning: 'due date 2026-01-31 is a rest day' });
  });

  it.each([
    ['/api/calendar/due-date?from=2025-12-25&kind=working_days&days=0', 'days must be a positive integer'],
    ['/api/calendar/due-date?from=2025-12-25&kind=working_days&days=abc', 'days must be a positive integer'],
    ['/api/calendar/due-date?from=2025-12-25&kind=working_days', 'days is required'],
    ['/api/calendar/due-date?from=2025-12-25&kind=working_days&days=99999', 'days must be a positive integer no greater than 3660'],
    ['/api/calendar/due-date?from=2025-02-30&kind=working_days&days=5', 'from must be a date YYYY-MM-DD or an ISO 8601 instant with offset'],
    ['/api/calendar/due-date?kind=working_days&days=5', 'from is required'],
    ['/api/calendar/due-date?from=2025-12-25&kind=weekly', 'kind must be one of'],
    ['/api/calendar/due-date?from=2025-12-25&kind=working_days&days=1&days=2', 'days must be given once'],
    ['/api/calendar/due-date?kind=days_after_approval&days=20', 'approvalDate is required'],
    ['/api/calendar/due-date?kind=after_notice_period&months=1&noticeEndDate=2026-1-31', 'noticeEndDate must be a date written YYYY-MM-DD'],
    ['/api/calendar/due-date?kind=after_review', 'reviewedAt is required'],
    ['/api/calendar/due-date?kind=after_review&reviewedAt=2025-12-25T10:00:00', 'reviewedAt must be a date YYYY-MM-DD or an ISO 8601 instant with offset'],
  ])('GET %s → 400 naming the parameter', async (url, message) => {
    const res = await get(url).expect(400);
    expect(res.body.message).toContain(message);
  });

  it('returns a year arrangement', async () => {
    const res = await get('/api/calendar/2026').expect(200);
    expect(res.body).toMatchObject({ year: 2026, provisional: false });
    expect(res.body.restDays).toHaveLength(33); // 3 + 9 + 3 + 5 + 3 + 3 + 7
    expect(res.body.makeUpDays).toEqual([
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' },
      { date: '2026-10-10', name: '国庆节' },
    ]);
    expect((await get('/api/calendar/2030').expect(200)).body).toEqual({ year: 2030, provisional: true, restDays: [], makeUpDays: [] });
  });

  it.each(['abc', '1999', '2101', '20261'])('GET /api/calendar/%s → 400 naming year', async (year) => {
    expect((await get(`/api/calendar/${year}`).expect(400)).body.message).toBe('year must be a number from 2000 to 2100');
  });
});
