import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * What a disclosure body may hold, the same subset the channels' sanitizer keeps (libs/channels/src/render):
 * paragraphs, headings, bold/italic/underline, lists, quotes, links, tables and pictures. ProseMirror parses
 * pasted HTML against this schema, so Word's style sheet, classes, fonts and Office tags (<o:p>) fall away and
 * only this structure stays.
 */
export const BODY_EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] }, // the page's own title is the h1
    code: false,
    codeBlock: false,
    strike: false,
    link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
  }),
  TableKit.configure({ table: { resizable: false } }),
  // Word import and Word paste carry pictures inline as data: URLs (the server checks their type again)
  Image.configure({ allowBase64: true }),
];
