// What Word (and WPS, which copies the same "Word HTML") puts on the clipboard, made into the body's HTML before
// ProseMirror parses it against the schema. The schema already drops Word's style sheet, classes, fonts and
// Office tags; what it cannot know is what Word *means* by some of its markup:
//
// - A Word list is not <ul>/<ol> but one <p style="mso-list:l0 level1 lfo1"> per item, each starting with a
//   marker span (style mso-list:Ignore) that holds the bullet or the number as text. Bullets are characters of the
//   Symbol or Wingdings fonts ("·", "Ø", "§", "ü"…): with the font dropped they paste as stray letters.
// - Pictures are <img src="file:///C:/Users/…/msohtmlclip1/01/clip_image001.png"> (plus a VML copy): files on the
//   author's computer that the browser cannot read. Kept, they would be broken pictures; only the Word import
//   (.docx) carries pictures.
// - Blank lines are paragraphs holding only &nbsp;.
//
// Numbered lists keep their numbers as text ("一、", "（一）", "1."), not <ol>: official documents (GB/T 9704)
// number their parts in these forms, and the channels (gazette, WeChat, screens) must show the number the author
// wrote, not a renumbered 1. 2. 3.

/** The pasted HTML, cleaned, and how many pictures were left out because the browser cannot read them. */
export interface WordPaste {
  html: string;
  droppedImages: number;
}

/** Whether the HTML came from Word or WPS (their clipboard HTML names the Office namespaces and mso- styles). */
export function isWordHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|\bclass=["']?Mso|mso-[a-z-]+\s*:|ProgId\s+content=["']?(Word|KSO)/i.test(html);
}

/**
 * A number as Word writes it before an item: 1. 1) (1) 一、 （一） a. (a) iv. — letters only with their punctuation,
 * because Word's bullets are letters of the Wingdings font too (l ●, n ■, q ❑, v ❖, Ø ➢) and "o" in Courier New.
 */
const ORDERED_MARKER = /^(?:[(（]?(?:[0-9]+(?:[.．][0-9]+)*|[一二三四五六七八九十百]+)[)）.．、]?|[(（]?(?:[a-zA-Z]|[ivxlcIVXLC]+)[)）.．、])$/;

/** `mso-list:l0 level2 lfo1` → { list: 'l0', level: 2 } */
function listOf(p: Element): { list: string; level: number } | null {
  const m = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i.exec(p.getAttribute('style') ?? '');
  return m ? { list: m[1], level: Number(m[2]) } : null;
}

function isIgnored(el: Element): boolean {
  return /mso-list\s*:\s*Ignore/i.test(el.getAttribute('style') ?? '');
}

/** Cleans Word's clipboard HTML in a document parsed from it (the browser's DOMParser in the editor). */
export function cleanWordDocument(doc: Document): WordPaste {
  const body = doc.body;
  // Office-only elements: VML pictures, <o:p> paragraph marks, smart tags; their text (if any) stays
  for (const el of [...body.querySelectorAll('*')]) {
    const tag = el.tagName.toLowerCase();
    if (tag.startsWith('v:') || tag === 'o:p' || tag.startsWith('w:') || tag.startsWith('st1:')) {
      if (tag.startsWith('v:')) el.remove();
      else el.replaceWith(...el.childNodes);
    }
  }
  let droppedImages = 0;
  for (const img of [...body.querySelectorAll('img')]) {
    const src = img.getAttribute('src') ?? '';
    if (!/^(https?:|data:image\/)/i.test(src)) {
      droppedImages += 1;
      img.remove();
    }
  }

  // list items: the marker says bullet or number; bullet paragraphs become <ul>, nested by level; numbers (and
  // any marker of a numbered heading, 第一章) stay as text
  const items = [...body.querySelectorAll('[style*="mso-list"]')].filter((el) => listOf(el));
  const bullets = new Set<Element>();
  for (const el of items) {
    const markers = [...el.querySelectorAll('span')].filter(isIgnored);
    const marker = (markers[0]?.textContent ?? '').replace(/[\s\u00a0]+/g, '');
    for (const m of markers) m.remove();
    const numbered = ORDERED_MARKER.test(marker) || /^第.+[章节条]$/.test(marker);
    if (el.tagName === 'P' && !numbered) bullets.add(el);
    // Word puts a tab after the number: a space after a bare number, nothing after its punctuation (一、 1． （一）)
    else if (numbered) el.insertBefore(doc.createTextNode(/[0-9a-zA-Z一二三四五六七八九十百章节条]$/.test(marker) ? `${marker} ` : marker), el.firstChild);
  }
  for (const p of items) {
    if (!bullets.has(p) || !p.isConnected) continue;
    // a run of bullet paragraphs of one Word list, next to each other, is one list
    const run: Element[] = [p];
    for (let next = p.nextElementSibling; next && bullets.has(next) && listOf(next)?.list === listOf(p)?.list; next = next.nextElementSibling) run.push(next);
    const top = doc.createElement('ul');
    p.before(top);
    const stack: { level: number; list: Element }[] = [{ level: listOf(p)!.level, list: top }];
    for (const item of run) {
      const level = listOf(item)!.level;
      while (stack.length > 1 && level < stack[stack.length - 1].level) stack.pop();
      let at = stack[stack.length - 1];
      if (level > at.level && at.list.lastElementChild) {
        const nested = doc.createElement('ul');
        at.list.lastElementChild.append(nested);
        at = { level, list: nested };
        stack.push(at);
      }
      const li = doc.createElement('li');
      const para = doc.createElement('p');
      para.append(...item.childNodes);
      li.append(para);
      at.list.append(li);
      item.remove();
    }
  }

  // blank lines: paragraphs with no text, picture or table left
  for (const p of [...body.querySelectorAll('p')]) {
    if (!(p.textContent ?? '').replace(/[\s\u00a0]+/g, '') && !p.querySelector('img, table')) p.remove();
  }
  return { html: body.innerHTML, droppedImages };
}
