/**
 * helmet's headers everywhere. The back office and kiosk load only their own bundled scripts, so the strict
 * default CSP holds; Swagger UI (/api/docs) needs inline script and style, so it gets a CSP of its own.
 */
export function securityHeaders(helmet) {
    const strict = helmet({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https:', 'http:'] } } });
    const docs = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
    return (req, res, next) => (req.path.startsWith('/api/docs') ? docs(req, res, next) : strict(req, res, next));
}
