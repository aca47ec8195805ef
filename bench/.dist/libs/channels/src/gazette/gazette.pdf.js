import { chromium } from 'playwright-core';
/**
 * Prints an issue's HTML to an A4 PDF with the system Chromium (Debian: chromium + fonts-noto-cjk for the
 * Chinese glyphs). No script runs and no request leaves the machine: the page is offline and every
 * non-data: URL is refused, so a body cannot make the server fetch anything while printing.
 */
export async function printPdf(html, opts) {
    const browser = await chromium.launch({
        executablePath: opts.chromiumPath,
        timeout: opts.timeoutMs,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        const page = await context.newPage();
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs });
        const pdf = await page.pdf({
            format: 'A4',
            printBackground: true,
            preferCSSPageSize: true,
            displayHeaderFooter: true,
            headerTemplate: '<span></span>',
            footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#777">${opts.footer} · 第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
        });
        return Buffer.from(pdf);
    }
    finally {
        await browser.close().catch(() => undefined);
    }
}
