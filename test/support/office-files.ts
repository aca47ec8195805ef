import { deflateSync } from 'node:zlib';
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { idCheckChar } from '../../libs/content-check/src/index.js';

/** A valid 居民身份证号 built from its parts (the check character computed per GB 11643-1999). */
export function idNumber(region = '150785', birth = '19800512', seq = '123'): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (b: Buffer) => {
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** A real PNG (8-bit RGB, one colour) written with zlib: no image library needed for a test picture. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export interface 公文Options {
  docNo?: string;
  title?: string;
  /** extra body paragraphs (e.g. one with personal data) */
  extra?: string[];
}

/** A 公文-shaped .docx built with the `docx` library: 文号, title, headings, a list, a table and an embedded PNG. */
export async function buildDocx(o: 公文Options = {}): Promise<Buffer> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)], width: { size: 3000, type: WidthType.DXA } });
  const doc = new Document({
    sections: [{
      children: [
        ...(o.docNo ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(o.docNo)] })] : []),
        ...(o.title ? [new Paragraph({ text: o.title, heading: HeadingLevel.TITLE })] : []),
        new Paragraph('各科室、各单位：'),
        new Paragraph({ text: '一、工作目标', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ children: [new TextRun('全面推进政务公开标准化规范化建设，'), new TextRun({ text: '确保按时公开', bold: true }), new TextRun('。')] }),
        new Paragraph({ text: '二、主要任务', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ text: '更新主动公开目录', bullet: { level: 0 } }),
        new Paragraph({ text: '规范政府信息公开年度报告', bullet: { level: 0 } }),
        new Table({ rows: [new TableRow({ children: [cell('事项'), cell('责任科室'), cell('时限')] }), new TableRow({ children: [cell('财政预决算'), cell('办公室'), cell('20个工作日')] })] }),
        new Paragraph({ children: [new ImageRun({ type: 'png', data: solidPng(8, 6, [200, 30, 30]), transformation: { width: 80, height: 60 } })] }),
        ...(o.extra ?? []).map((t) => new Paragraph(t)),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}

/** A one-page PDF with a line of text in Helvetica (ASCII: the standard font needs no embedding), with its xref. */
export function textPdf(line: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>',
    `<</Length ${stream.length}>>stream\n${stream}\nendstream`,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj${o}endobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
