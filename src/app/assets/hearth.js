import { initAll as initGovuk } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

initGovuk();
initMoj();

// A print button for pages families keep (inline handlers are not allowed by the CSP).
for (const button of document.querySelectorAll('[data-module="hearth-print"]')) {
  button.addEventListener('click', () => window.print());
}

// A page showing work in progress (an import) fetches itself every two seconds and swaps in the
// progress; once the work is done it loads in full to show the result. Without script the page
// offers a refresh link instead of refreshing itself, which would take over a screen reader.
const poll = document.querySelector('[data-module="hearth-poll"]');
if (poll) {
  const tick = async () => {
    try {
      const res = await fetch(window.location.href, { headers: { accept: 'text/html' } });
      const next = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = next.querySelector('[data-module="hearth-poll"]');
      if (!fresh) return window.location.reload();
      poll.innerHTML = fresh.innerHTML;
    } catch {
      // A missed update is retried on the next tick.
    }
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 2000);
}
