/** A small page for demos: every phone's messages, and a box to text back as that family. */
export const FAMILY_PHONE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Porchlight SMS sandbox</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
body{font:15px system-ui,sans-serif;margin:0;background:#f4f1ea;color:#222}
header{padding:12px 20px;background:#2d3e50;color:#fff}
main{display:flex;flex-wrap:wrap;gap:16px;padding:16px}
.phone{background:#fff;border-radius:18px;box-shadow:0 1px 4px #0002;width:300px;display:flex;flex-direction:column;max-height:520px}
.phone h2{font-size:15px;margin:0;padding:10px 14px;border-bottom:1px solid #eee}
.thread{flex:1;overflow:auto;padding:10px;display:flex;flex-direction:column;gap:6px}
.msg{background:#e9e9eb;border-radius:14px;padding:7px 10px;max-width:85%;white-space:pre-wrap}
.msg.me{background:#0b84ff;color:#fff;align-self:flex-end}
.meta{font-size:11px;color:#777}
form{display:flex;gap:6px;padding:8px;border-top:1px solid #eee}
input{flex:1;padding:6px 8px;border:1px solid #ccc;border-radius:12px}
</style></head><body>
<header><strong>Porchlight SMS sandbox</strong> — what each family phone received; reply as that family.</header>
<main id="phones"><p>No messages yet.</p></main>
<script>
const sent = {};
async function refresh() {
  const messages = await (await fetch('/sandbox/messages')).json();
  const phones = {};
  for (const m of messages) (phones[m.to] ||= { account: m.accountSid, school: m.from, items: [] }).items.push(m);
  for (const [phone, mine] of Object.entries(sent)) if (phones[phone]) phones[phone].items.push(...mine);
  const root = document.getElementById('phones');
  if (!Object.keys(phones).length) return;
  const focused = document.activeElement && document.activeElement.name;
  if (focused) return;
  root.innerHTML = '';
  for (const [phone, p] of Object.entries(phones)) {
    p.items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const el = document.createElement('section');
    el.className = 'phone';
    el.innerHTML = '<h2></h2><div class="thread"></div><form><input name="body" placeholder="Text as this family"><button>Send</button></form>';
    el.querySelector('h2').textContent = phone;
    const thread = el.querySelector('.thread');
    for (const m of p.items) {
      const div = document.createElement('div');
      div.className = 'msg' + (m.mine ? ' me' : '');
      div.textContent = m.body;
      const meta = document.createElement('div');
      meta.className = 'meta';
      meta.textContent = m.mine ? 'you' : (m.status + ' · ' + new Date(m.createdAt).toLocaleTimeString());
      div.appendChild(meta);
      thread.appendChild(div);
    }
    el.querySelector('form').onsubmit = async (event) => {
      event.preventDefault();
      const input = event.target.body;
      const body = input.value.trim();
      if (!body) return;
      await fetch('/sandbox/inbound', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountSid: p.account, from: phone, to: p.school, body }) });
      (sent[phone] ||= []).push({ body, mine: true, createdAt: new Date().toISOString() });
      input.value = '';
      input.blur();
      refresh();
    };
    root.appendChild(el);
    thread.scrollTop = thread.scrollHeight;
  }
}
refresh();
setInterval(refresh, 2000);
</script></body></html>`;
