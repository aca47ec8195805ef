import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/src/index.js';
const LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };
/**
 * Structured JSON logs (pino) for the API and the worker. Secrets never reach a log line: credentials, tokens
 * and passwords are redacted wherever they appear in a logged object.
 */
export const REDACT = [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-gongkai-signature"]',
    'req.query.token',
    'password',
    '*.password',
    '*.secret',
    '*.appSecret',
    '*.accessToken',
    '*.token',
    '*.access_token',
];
export const loggingModule = LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config) => ({
        pinoHttp: {
            level: LEVELS[config.get('LOG_LEVEL')],
            redact: { paths: REDACT, censor: '[redacted]' },
            // screens poll every few seconds and health checks are frequent: log those only when they fail
            autoLogging: { ignore: (req) => /\/(feed|health|metrics)/.test(req.url ?? '') },
            customProps: (req) => ({ requestId: req.id }),
            serializers: {
                req: (req) => ({ id: req.id, method: req.method, url: String(req.url).replace(/(token|signature|echostr)=[^&]+/g, '$1=[redacted]') }),
                res: (res) => ({ statusCode: res.statusCode }),
            },
        },
    }),
});
