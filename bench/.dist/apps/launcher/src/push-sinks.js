import * as path from 'node:path';
import { AliyunSmsFake, SmtpSink, TencentSmsFake } from '../../../libs/channels/src/index.js';
/**
 * Local mode's receivers for targeted push and the gazette's paths: an SMTP server that keeps and shows every
 * mail, and Aliyun / Tencent SMS gateway fakes that check signatures like the real ones. Each shows at its own
 * HTTP page what it received. Fills in the environment config/channels.yaml reads.
 */
export async function startPushSinks(env, o) {
    const smtp = await new SmtpSink({ maxKept: 2000 }).listen(Number(env.DEMO_SMTP_PORT ?? 0));
    const mailbox = await smtp.listenView(Number(env.DEMO_MAILBOX_PORT ?? 0));
    const keyId = env.SMS_ACCESS_KEY_ID ?? 'LTAIdemo';
    const secret = env.SMS_ACCESS_KEY_SECRET ?? o.secret;
    const sign = env.SMS_SIGN_NAME ?? '根河政务';
    const template = env.SMS_TEMPLATE_CODE ?? 'SMS_000001';
    const aliyun = await new AliyunSmsFake({ [keyId]: secret }).sign(sign).template(template, '${office}发布了《${title}》，请登录政府网站查看。').listen(Number(env.DEMO_ALIYUN_SMS_PORT ?? 0));
    const tencent = await new TencentSmsFake({ [keyId]: secret }, env.SMS_SDK_APP_ID ?? '1400000000')
        .sign(sign)
        .template(template, '{1}发布了《{2}》，请登录政府网站查看。')
        .listen(Number(env.DEMO_TENCENT_SMS_PORT ?? 0));
    env.DEMO_SMTP_URL ??= smtp.url;
    env.DEMO_SMS_URL ??= env.SMS_PROVIDER === 'tencent' ? tencent.url : aliyun.url;
    env.PUBLIC_BASE_URL ??= `http://127.0.0.1:${o.port}`;
    env.GAZETTE_DIR ??= path.join(o.dataDir, 'gazette');
    return {
        stops: [() => smtp.close(), () => aliyun.close(), () => tencent.close()],
        lines: [
            `demo 邮件 SMTP on ${smtp.url} — mailbox at ${mailbox}/`,
            `demo 短信网关: 阿里云 ${aliyun.url} , 腾讯云 ${tencent.url} (SMS_PROVIDER=${env.SMS_PROVIDER ?? 'aliyun'} is used)`,
            `政府公报 issues are written to ${env.GAZETTE_DIR}`,
        ],
    };
}
