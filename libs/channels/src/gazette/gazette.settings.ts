import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChannelConfig } from '../adapter.contract.js';

export interface GazetteSettings {
  /** the gazette's name printed on every issue, e.g. 根河市人民政府公报 */
  title: string;
  /** who edits and publishes it, printed under the name */
  publisher: string;
  /** where published issues are written (HTML + PDF); DATA_DIR/gazette in local mode */
  outputDir: string;
  /** where readers reach the API: issue URLs start with it */
  publicBaseUrl: string;
  chromiumPath: string;
  pdfTimeoutMs: number;
}

export function gazetteSettings(channel: ChannelConfig): GazetteSettings {
  const s = channel.settings;
  return {
    title: String(s.title ?? '政府公报'),
    publisher: String(s.publisher ?? ''),
    outputDir: path.resolve(String(s.outputDir ?? path.join(process.env.DATA_DIR ?? '.data', 'gazette'))),
    publicBaseUrl: String(s.publicBaseUrl ?? '').replace(/\/+$/, ''),
    chromiumPath: String(s.chromiumPath ?? '/usr/bin/chromium'),
    pdfTimeoutMs: Number(s.pdfTimeoutMs ?? 60000),
  };
}

export function checkGazetteSettings(name: string, s: GazetteSettings): string[] {
  const where = `channel ${name}`;
  const problems: string[] = [];
  if (!s.title.trim()) problems.push(`${where}: settings.title must name the gazette`);
  try {
    if (!/^https?:$/.test(new URL(s.publicBaseUrl).protocol)) throw new Error();
  } catch {
    problems.push(`${where}: settings.publicBaseUrl must be the http(s) URL readers reach the API at (issue links start with it)`);
  }
  if (!(s.pdfTimeoutMs > 0)) problems.push(`${where}: settings.pdfTimeoutMs must be positive`);
  return problems;
}

/** Not a boot failure: the API still serves everything else; publishing says what to install. */
export function chromiumMissing(s: GazetteSettings): string | null {
  return fs.existsSync(s.chromiumPath)
    ? null
    : `Chromium is needed to print the gazette as PDF and was not found at ${s.chromiumPath} (settings.chromiumPath); on Debian: apt-get install chromium fonts-noto-cjk`;
}
