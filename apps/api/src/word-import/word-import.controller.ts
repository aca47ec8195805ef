import { BadRequestException, Controller, HttpCode, Post, UnprocessableEntityException, UnsupportedMediaTypeException, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { checkFile } from '../../../../libs/attachments/src/index.js';
import { Roles } from '../../../../libs/auth/src/index.js';
import { docxToBody, type ImportedDocument } from '../../../../libs/word-import/src/index.js';
import { UploadErrorsFilter } from '../attachments/upload-errors.filter.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const BODY_MAX = 900_000; // the body's limit on drafts and disclosures

/** 从 Word / WPS 导入: a .docx becomes the compose form's body, title and 文号. Nothing is stored. */
@Controller('import')
export class WordImportController {
  @Post('docx')
  @HttpCode(200)
  @Roles('editor', 'publisher')
  @UseFilters(UploadErrorsFilter)
  @UseInterceptors(FileInterceptor('file'))
  async docx(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined): Promise<ImportedDocument> {
    if (!file || file.buffer.length === 0) throw new BadRequestException({ message: '请选择要导入的 Word 文件（.docx，表单字段 file）', field: 'file' });
    if (/\.(doc|wps)$/i.test(file.originalname)) {
      throw new UnsupportedMediaTypeException({ message: `“${file.originalname}”是旧版 .doc/.wps 格式，无法直接导入：请在 Word 或 WPS 中“另存为” .docx 后再导入`, field: 'file' });
    }
    const check = await checkFile(file.originalname, file.buffer);
    if (!check.ok || check.contentType !== DOCX) {
      throw new UnsupportedMediaTypeException({ message: `只能导入 .docx 格式的 Word 文件${check.ok ? '' : `：${check.reason}`}`, field: 'file' });
    }
    const doc = await docxToBody(file.buffer).catch(() => {
      throw new UnprocessableEntityException({ message: `无法读取“${file.originalname}”的内容：文件可能已损坏，请在 Word 或 WPS 中打开并另存为 .docx 后重试`, field: 'file' });
    });
    if (doc.html.length > BODY_MAX) {
      throw new UnprocessableEntityException({ message: `导入后的正文过长（${doc.html.length} 字符，上限 ${BODY_MAX}）：图片过大时请压缩图片，或把图片作为附件上传`, field: 'file' });
    }
    return doc;
  }
}
