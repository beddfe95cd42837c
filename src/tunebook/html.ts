// The printable HTML tune book: one self-contained page (abcjs inlined) that renders every
// tune with abcjs; the print stylesheet keeps each tune whole (one block, one SVG) and lets
// short tunes share a page: no break after a tune, and the staff is drawn 900 units wide so an
// A4 page holds about twelve staves (four-staff tunes go two or three to a page). Pure: the
// abcjs source is passed in.
import type { ComposedTune } from '../compose/composer.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `
body { font-family: Georgia, serif; margin: 2em auto; max-width: 52em; color: #222; }
header p { color: #555; font-size: 0.9em; }
.tune { margin: 2em 0; break-inside: avoid; page-break-inside: avoid; }
.tune pre { display: none; }
.tune .score svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; }
  header p.hint { display: none; }
  .tune { break-inside: avoid; page-break-inside: avoid; break-after: auto; margin: 0 0 8mm; }
}`;

const SCRIPT = `
document.querySelectorAll('.tune').forEach(function (el) {
  var abc = el.querySelector('pre').textContent;
  ABCJS.renderAbc(el.querySelector('.score'), abc, { responsive: 'resize', add_classes: true, staffwidth: 900, paddingtop: 0, paddingbottom: 0 });
});`;

/** The page; `abcjsSource` is abcjs-basic-min.js. */
export function bookHtml(tunes: ComposedTune[], abcTexts: string[], title: string, note: string, abcjsSource: string): string {
  const body = tunes.map((t, i) => `<section class="tune" id="tune-${i + 1}">\n<pre>${escapeHtml(abcTexts[i])}</pre>\n<div class="score"></div>\n</section>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(note)}</p><p class="hint">${tunes.length} tunes. Print this page for a paper tune book.</p></header>
${body.join('\n')}
<script>${abcjsSource.replace(/<\/script/gi, '<\\/script')}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
