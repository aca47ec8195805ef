import * as fs from 'node:fs';
import * as path from 'node:path';
import { SmtpFake } from '../overdue/smtp.fake.js';
import { eventually, startStack, type Stack } from '../support/stack.js';
import { feed, registerScreen, screensChannels, SCREENS_ENV } from './screens-support.js';

const OPS = 'screens-ops@genhe.example.cn';

/** A screen that goes dark is mailed to the `screens` addresses of offices.yaml, once, through a real SMTP server. */
describe('screens: offline and back-online e-mail', () => {
  let s: Stack;
  let smtp: SmtpFake;
  let admin: string;

  beforeAll(async () => {
    smtp = await new SmtpFake().listen();
    const dir = fs.mkdtempSync(path.join(process.env.TEST_ROOT!, 'offices-'));
    const officesFile = path.join(dir, 'offices.yaml');
    fs.writeFileSync(officesFile, `screens: [${OPS}]\ndepartments: {}\n`);
    s = await startStack({
      channels: screensChannels(),
      env: {
        ...SCREENS_ENV, SCREEN_ONLINE_SECONDS: '2', OVERDUE_SWEEP_MS: '500', OFFICES_FILE: officesFile,
        SMTP_URL: smtp.url, MAIL_FROM: '政务公开分发系统 <dispatch@genhe.example.cn>', PUBLIC_BASE_URL: 'https://gk.genhe.gov.cn',
      },
    });
    admin = await s.token();
  });
  afterAll(async () => {
    await s.close();
    await smtp.close();
  });

  const mails = (subject: string) => smtp.received.filter((m) => m.mail.subject === subject);

  it('mails the outage once, retries a refused mail, and mails the return', async () => {
    const screen = await registerScreen(s, admin, 'community', '幸福社区一号屏', '幸福社区服务站门口');
    expect((await feed(s, screen)).status).toBe(200);
    smtp.failNext(1); // the relay refuses the first try: a later sweep sends it
    const subject = '【电子屏】电子屏“幸福社区一号屏”离线';
    await eventually(async () => mails(subject).length === 1, 20_000);
    const [mail] = mails(subject);
    expect(mail.to).toEqual([OPS]);
    expect(mail.mail.text).toMatch(/幸福社区服务站门口，自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起未连接/);
    expect(mail.mail.text).toContain('查看电子屏状态：https://gk.genhe.gov.cn/admin/screens');
    const [note] = (await s.db.query(`SELECT data FROM notifications WHERE kind = 'screen.offline'`)).rows;
    expect(note.data.email).toEqual(expect.objectContaining({ status: 'sent', attempts: 2, to: [OPS], error: null }));
    // once: later sweeps leave a sent notice alone
    await new Promise((r) => setTimeout(r, 1500));
    expect(mails(subject)).toHaveLength(1);

    expect((await feed(s, screen)).status).toBe(200);
    await eventually(async () => mails('【电子屏】电子屏“幸福社区一号屏”已恢复连接').length === 1, 20_000);
  });
});
