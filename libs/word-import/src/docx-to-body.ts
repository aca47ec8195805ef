import mammoth from 'mammoth';
import { renderHtml } from '../../channels/src/index.js';

/** What a Word / WPS document gives the compose form. */
export interface ImportedDocument {
  /** the document's title (a Title- or 标题-styled paragraph, else the first heading), if it has one */
  title?: string;
  /** 文号, e.g. 根政数发〔2026〕12号, if a paragraph near the top is one */
  docNo?: string;
  /** the body as sanitized HTML: headings, lists, tables, and images inline as data: URIs */
  html: string;
  /** zh-CN notes on what could not be kept (mammoth's warnings, images in formats browsers do not show) */
  notes: string[];
}

// Word's built-in Title style and WPS's 标题 become the document's title; mammoth maps 标题 1–6 (Heading 1–6) itself.
const STYLE_MAP = ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='标题'] => h1.doc-title:fresh", "p[style-name='Subtitle'] => h2:fresh"];
const SHOWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif']);
// 文号: 发文机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 7.2.4); [] and （） are common mistakes for 〔〕
const DOC_NO = /^\s*([\u4e00-\u9fa5]{1,20})\s*[〔[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,5})\s*号\s*$/;

export async function docxToBody(buffer: Buffer): Promise<ImportedDocument> {
  const notes: string[] = [];
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      styleMap: STYLE_MAP,
      convertImage: mammoth.images.imgElement(async (image) => {
        if (!SHOWN_IMAGES.has(image.contentType)) {
          notes.push(`一张 ${image.contentType} 格式的图片无法在网页中显示，已略去；请在 Word 中另存为 PNG 或 JPG 后插入`);
          return { src: '' };
        }
        return { src: `data:${image.contentType};base64,${await image.readAsBase64String()}` };
      }),
    },
  );
  for (const m of result.messages) if (m.type === 'error') notes.push(`转换时出现问题：${m.message}`);
  let html = result.value.replace(/<img src=""[^>]*>/g, '');

  let title: string | undefined;
  const titleRe = /<h1 class="doc-title">([\s\S]*?)<\/h1>|<h1>([\s\S]*?)<\/h1>/;
  const t = titleRe.exec(html);
  if (t) {
    title = textOf(t[1] ?? t[2]);
    html = html.replace(t[0], '');
  }
  let docNo: string | undefined;
  // look only at the first few paragraphs, where 公文 put the 文号 (above or below the title)
  const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].slice(0, 6);
  for (const p of paragraphs) {
    const m = DOC_NO.exec(textOf(p[1]));
    if (m) {
      docNo = `${m[1]}〔${m[2]}〕${m[3]}号`;
      html = html.replace(p[0], '');
      break;
    }
  }
  html = renderHtml(html.replace(/ class="doc-title"/g, '')).trim();
  return { ...(title ? { title } : {}), ...(docNo ? { docNo } : {}), html, notes };
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
}
