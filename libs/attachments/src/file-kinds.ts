import { fileTypeFromBuffer } from 'file-type';

/**
 * The kinds of file a government disclosure carries: PDF and OFD (the national fixed-layout format, GB/T 33190),
 * Word/Excel/PowerPoint and WPS documents in both the old compound-file and the OOXML form, and JPEG/PNG images.
 * Archives, executables and HTML are refused: a citizen downloads these from a government site.
 */
const KINDS: Record<string, { sniffed: string; contentType: string }> = {
  pdf: { sniffed: 'pdf', contentType: 'application/pdf' },
  ofd: { sniffed: 'ofd', contentType: 'application/ofd' },
  doc: { sniffed: 'cfb', contentType: 'application/msword' },
  xls: { sniffed: 'cfb', contentType: 'application/vnd.ms-excel' },
  ppt: { sniffed: 'cfb', contentType: 'application/vnd.ms-powerpoint' },
  wps: { sniffed: 'cfb', contentType: 'application/vnd.ms-works' },
  et: { sniffed: 'cfb', contentType: 'application/vnd.ms-excel' },
  dps: { sniffed: 'cfb', contentType: 'application/vnd.ms-powerpoint' },
  docx: { sniffed: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { sniffed: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  pptx: { sniffed: 'pptx', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
  jpg: { sniffed: 'jpg', contentType: 'image/jpeg' },
  jpeg: { sniffed: 'jpg', contentType: 'image/jpeg' },
  png: { sniffed: 'png', contentType: 'image/png' },
};

export const ACCEPTED_EXTENSIONS = Object.keys(KINDS);

export type FileCheck = { ok: true; contentType: string } | { ok: false; reason: string };

/**
 * What the file is, from its bytes (file-type reads the magic numbers and, for OOXML, the zip's parts), and
 * whether its name's extension says the same. A name that lies (a .pdf that is a zip) is refused, because the
 * name is what a reader's computer uses to open it.
 */
export async function checkFile(filename: string, bytes: Buffer): Promise<FileCheck> {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const kind = ext ? KINDS[ext] : undefined;
  if (!kind) return { ok: false, reason: `只接受 ${ACCEPTED_EXTENSIONS.join('、')} 文件（文件名“${filename}”）` };
  const found = await fileTypeFromBuffer(bytes);
  const sniffed = found?.ext === 'zip' && isOfd(bytes) ? 'ofd' : found?.ext;
  if (sniffed !== kind.sniffed) {
    return { ok: false, reason: `文件内容与扩展名 .${ext} 不符（内容识别为 ${sniffed ?? '未知格式'}）` };
  }
  return { ok: true, contentType: kind.contentType };
}

/** An OFD package is a zip whose root holds OFD.xml (GB/T 33190 §7.1): read the zip's central directory for it. */
function isOfd(zip: Buffer): boolean {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return false;
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && at + 46 <= zip.length; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) return false;
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === 'OFD.xml') return true;
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return false;
}
