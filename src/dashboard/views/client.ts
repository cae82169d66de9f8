/**
 * The page's only script, inlined. It keeps the page live without reloads:
 * a server-sent event says "something changed", and the script fetches the
 * same page again as a fragment and swaps it in, keeping focus and anything
 * the user is typing. Forms are posted with fetch and report in a toast;
 * with scripts off they still work as plain posts.
 */
export const CLIENT = `
(() => {
  const base = '/_emulator/ui';
  const toast = document.getElementById('toast');
  let toastTimer;
  function say(message, isError) {
    toast.textContent = message;
    toast.className = 'show' + (isError ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.className = ''; }, isError ? 6000 : 2500);
  }
  let pending = false;
  function identity(el) {
    const form = el.form ? el.form.getAttribute('action') : '';
    return [el.tagName, el.id, el.getAttribute('href'), el.getAttribute('name'), form, el.textContent.trim()].join('|');
  }
  function busyTyping() {
    const el = document.activeElement;
    return el && el.closest('#app') && (el.tagName === 'INPUT' && el.type !== 'hidden' && el.value !== '' || el.tagName === 'SELECT' && el.dataset.touched);
  }
  // One refresh at a time: overlapping swaps under load could drop the keyboard focus.
  let refreshing = Promise.resolve();
  function refresh(force) {
    refreshing = refreshing.then(() => refreshNow(force), () => refreshNow(force));
    return refreshing;
  }
  async function refreshNow(force) {
    if (!force && busyTyping()) { pending = true; return; }
    pending = false;
    const res = await fetch(location.pathname + location.search, { headers: { 'x-deck-ui': '1', 'x-deck-ui-partial': '1' } });
    if (!res.ok && res.status !== 404) return;
    const app = document.getElementById('app');
    const focused = app.contains(document.activeElement) ? identity(document.activeElement) : null;
    app.innerHTML = await res.text();
    if (focused !== null) {
      // Keyboard users keep their place: the same link, button or field gets the focus back.
      const same = Array.from(app.querySelectorAll('a,button,input,select')).find((el) => identity(el) === focused);
      (same || document.getElementById('main')).focus({ preventScroll: true });
    }
    document.dispatchEvent(new CustomEvent('deck:refreshed'));
  }
  document.addEventListener('focusout', () => setTimeout(() => { if (pending && !busyTyping()) refresh(); }, 0));
  document.addEventListener('change', (e) => { if (e.target.tagName === 'SELECT') e.target.dataset.touched = '1'; });
  document.addEventListener('submit', async (e) => {
    const form = e.target;
    if (!form.hasAttribute('data-action')) return;
    e.preventDefault();
    if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
    const button = form.querySelector('button[type=submit],button:not([type])');
    if (button) button.disabled = true;
    try {
      const res = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { 'x-deck-ui': '1', accept: 'application/json' } });
      const out = await res.json().catch(() => ({ ok: false, message: 'Unexpected answer (' + res.status + ')' }));
      say(out.message, !out.ok);
      if (out.ok) form.reset();
    } catch (err) {
      say('The emulator did not answer: ' + err.message, true);
    } finally {
      if (button) button.disabled = false;
      refresh(true);
    }
  });
  const live = document.getElementById('live');
  function connect() {
    const stream = new EventSource(base + '/stream');
    stream.addEventListener('open', () => { live.className = 'live on'; live.textContent = 'live'; });
    stream.addEventListener('change', () => refresh());
    stream.addEventListener('error', () => { live.className = 'live'; live.textContent = 'reconnecting…'; });
  }
  connect();
})();
`
