#!/usr/bin/env python3
"""render_eml.py MESSAGE.eml OUTDIR [--probe]: writes the message's text/html part to OUTDIR/body.html
with each cid: reference rewritten to the image part saved beside it (as a mail client resolves
them), so a browser can show the body as a reader sees it. With --probe, a script is appended (to
this copy only) that records the page's scroll width and each image's natural size in the DOM, for
`chromium --dump-dom` to read. Prints the image files written."""
import email
import email.policy
import os
import sys

path, outdir = sys.argv[1], sys.argv[2]
probe = "--probe" in sys.argv[3:]
msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
html = None
written = []
for part in msg.walk():
    if part.get_content_type() == "text/html" and part.get_content_disposition() != "attachment":
        html = part.get_content()
    cid = part.get("Content-ID")
    if cid and part.get_content_maintype() == "image":
        name = part.get_filename() or (cid.strip("<>").split("@")[0] + ".png")
        open(os.path.join(outdir, name), "wb").write(part.get_payload(decode=True))
        written.append((cid.strip("<>"), name))
if html is None:
    sys.exit("no text/html part")
for cid, name in written:
    html = html.replace("cid:" + cid, name)
if probe:
    html = html.replace("</body>", """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.map.call(document.images, function (i) { return i.naturalWidth + 'x' + i.naturalHeight; });
  var p = document.createElement('pre'); p.id = 'probe';
  p.textContent = 'scrollWidth=' + document.documentElement.scrollWidth + ' images=' + imgs.join(',');
  // In a frame (a phone-sized viewport), the page holding the frame shows it.
  if (window.parent !== window) { window.parent.postMessage(p.textContent, '*'); } else { document.body.appendChild(p); }
});
</script></body>""")
open(os.path.join(outdir, "body.html"), "w", encoding="utf-8").write(html)
# Headless Chromium's window is at least 500 px wide: a phone's 400 px viewport is a frame in a page.
open(os.path.join(outdir, "phone.html"), "w", encoding="utf-8").write("""<!DOCTYPE html>
<html><body style="margin:0;background:#ffffff;">
<iframe src="body.html" width="400" height="2400" style="border:0;display:block;"></iframe>
<pre id="probe"></pre>
<script>window.addEventListener('message', function (e) { document.getElementById('probe').textContent = e.data; });</script>
</body></html>
""")
print("\n".join(name for _, name in written))
