import { BadRequestException, Injectable, NotFoundException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '../../audit/src/index.js';
import type { Principal } from '../../auth/src/index.js';
import { AppConfig } from '../../config/src/index.js';
import { attachmentMeta, type AttachmentMeta } from './attachment.types.js';
import { checkFile } from './file-kinds.js';

export interface StoredAttachment extends AttachmentMeta {
  departmentCode: string | null;
}

/** What a draft, a disclosure or the uploader is shown: the file without its department. */
export function metaOf({ departmentCode: _, ...meta }: StoredAttachment): AttachmentMeta {
  return meta;
}

const FIELD = 'file';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploads and reads attachment files. Uploading stores the bytes and nothing else: a file reaches the public only
 * once a disclosure links it (DisclosuresService checks the link), and only while that disclosure stands.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.get('ATTACHMENT_MAX_BYTES');
  }

  async store(file: { originalname: string; buffer: Buffer } | undefined, user: Principal): Promise<StoredAttachment> {
    if (!file) throw new BadRequestException({ message: '请选择要上传的文件（multipart 字段 file）', field: FIELD });
    // Nest's FileInterceptor stops at the limit with a 413 already; this covers a limit changed under it.
    if (file.buffer.length > this.maxBytes) throw new PayloadTooLargeException({ message: `文件超过 ${mib(this.maxBytes)} 的上限`, field: FIELD });
    if (file.buffer.length === 0) throw new BadRequestException({ message: '文件是空的', field: FIELD });
    const filename = cleanName(file.originalname);
    if (!filename) throw new BadRequestException({ message: '文件名无效', field: FIELD });
    const check = await checkFile(filename, file.buffer);
    if (!check.ok) throw new UnsupportedMediaTypeException({ message: check.reason, field: FIELD });
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const departmentCode = user.departmentCode ?? null;
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO attachments (id, department_code, filename, content_type, size_bytes, sha256, content, uploaded_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [id, departmentCode, filename, check.contentType, file.buffer.length, sha256, file.buffer, user.id],
      );
      await this.audit.append(m, {
        actor: `user:${user.username}`, action: 'attachment.uploaded', departmentCode, outcome: 'ok',
        details: { attachmentId: id, filename, contentType: check.contentType, sizeBytes: file.buffer.length, sha256 },
      });
    });
    return { id, filename, contentType: check.contentType, sizeBytes: file.buffer.length, sha256, departmentCode };
  }

  /** The files with these ids that exist, without their bytes (ids as the DTOs validated them: UUIDs). */
  async find(ids: string[]): Promise<StoredAttachment[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query(`SELECT id, department_code, filename, content_type, size_bytes, sha256 FROM attachments WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r: Record<string, any>) => ({ ...attachmentMeta(r), departmentCode: r.department_code }));
  }

  /** For staff: their department's files (admins and auditors: every file), linked or not. */
  async readForStaff(id: string, user: Principal): Promise<AttachmentMeta & { content: Buffer }> {
    const [row] = await this.db.query(`SELECT * FROM attachments WHERE id = $1`, [id]);
    const sees = row && (user.roles.includes('admin') || user.roles.includes('auditor') || row.department_code === null || row.department_code === user.departmentCode);
    if (!sees) throw new NotFoundException({ message: `附件 ${id} 不存在`, field: 'id' });
    return { ...attachmentMeta(row), content: row.content };
  }

  /** The bytes of one file, for checks that read its text (the caller has already checked who may see it). */
  async readContent(id: string): Promise<Buffer | undefined> {
    const [row] = await this.db.query(`SELECT content FROM attachments WHERE id = $1`, [id]);
    return row?.content;
  }

  /** For anyone: only a file linked from a disclosure that has not been withdrawn. The id is whatever the URL held. */
  async readPublic(id: string): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT a.* FROM attachments a
       WHERE a.id = $1 AND EXISTS (SELECT 1 FROM disclosures d WHERE d.attachments @> jsonb_build_array(jsonb_build_object('id', a.id::text)) AND d.status <> 'withdrawn')`,
      [id],
    );
    return row ? { ...attachmentMeta(row), content: row.content } : undefined;
  }
}

/** The name without any folder a browser sent, control characters or surrounding spaces; at most 200 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!clean || clean === '.' || clean === '..') return '';
  return Array.from(clean).length > 200 ? Array.from(clean).slice(-200).join('') : clean;
}

export function mib(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
