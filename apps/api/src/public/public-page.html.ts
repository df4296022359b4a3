import { PublicDecisionsPage, PublicText } from '@porchlight/engagement';

/** Languages written right to left: the page says so in `dir`. */
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'prs']);

export const PUBLIC_STYLESHEET_PATH = '/p/decisions.css';

/** The page's only styling: a readable column, large type, visible focus. No script anywhere. */
export const PUBLIC_STYLESHEET = `body{font:1.125rem/1.6 system-ui,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
h1{font-size:1.75rem;line-height:1.25}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .25rem}
article{border-top:1px solid #bbb;padding-bottom:1rem}.note{font-size:.95rem;color:#444;font-style:italic}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}a{color:#0645ad}a:focus{outline:3px solid #f90;outline-offset:2px}
`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const dir = (language: string) => (RTL.has(language.split('-')[0]) ? 'rtl' : 'ltr');

/** A text in its own language: marked with `lang` (and a note) when it is not in the page's. */
function text(value: PublicText, page: PublicDecisionsPage, element: string): string {
  if (value.language === page.language) return `<${element}>${escapeHtml(value.text)}</${element}>`;
  return (
    `<${element} lang="${escapeHtml(value.language)}" dir="${dir(value.language)}">${escapeHtml(value.text)}</${element}>` +
    `<p class="note">${escapeHtml(page.texts.untranslated)}</p>`
  );
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The public "you said, we did" page: headings, landmarks, a language switcher; nothing personal, no script. */
export function renderPublicDecisions(page: PublicDecisionsPage): string {
  const base = `/p/${encodeURIComponent(page.slug)}/decisions`;
  const date = (iso: string) => new Intl.DateTimeFormat(page.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  const articles = page.decisions.map((d) => {
    const parts = [`<article>`, text(d.title, page, 'h2')];
    if (d.communicatedAt)
      parts.push(`<p>${escapeHtml(page.texts.communicated)} <time datetime="${d.communicatedAt}">${escapeHtml(date(d.communicatedAt))}</time></p>`);
    if (d.outcome) parts.push(`<h3>${escapeHtml(page.texts.decided)}</h3>`, text(d.outcome, page, 'p'));
    if (d.message) parts.push(`<h3>${escapeHtml(page.texts.told)}</h3>`, text(d.message, page, 'p'));
    parts.push('</article>');
    return parts.join('\n');
  });
  const others = page.languages.filter((l) => l !== page.language);
  return `<!doctype html>
<html lang="${escapeHtml(page.language)}" dir="${dir(page.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.texts.heading)} — ${escapeHtml(page.district)}</title>
<link rel="stylesheet" href="${PUBLIC_STYLESHEET_PATH}">
</head>
<body>
<header>
<p>${escapeHtml(page.district)}</p>
<h1>${escapeHtml(page.texts.heading)}</h1>
<p>${escapeHtml(page.texts.intro)}</p>
</header>
${
  others.length > 0
    ? `<nav aria-label="${escapeHtml(page.texts.otherLanguages)}">
<p>${escapeHtml(page.texts.otherLanguages)}:</p>
<ul>
${others.map((l) => `<li><a href="${base}?lang=${encodeURIComponent(l)}" hreflang="${escapeHtml(l)}" lang="${escapeHtml(l)}">${escapeHtml(languageName(l))}</a></li>`).join('\n')}
</ul>
</nav>`
    : ''
}
<main>
${articles.length > 0 ? articles.join('\n') : `<p>${escapeHtml(page.texts.none)}</p>`}
</main>
</body>
</html>
`;
}

/** The page for an address that names no district. */
export function renderNotFound(): string {
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found</title>
<link rel="stylesheet" href="${PUBLIC_STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>Not found</h1>
<p>No school district publishes its decisions at this address. Check the link you were given.</p>
</main>
</body>
</html>
`;
}
