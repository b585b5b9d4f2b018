import { initAll as initGovuk } from './govuk-frontend.min.js';
import { initAll as initMoj } from './moj-frontend.min.js';

initGovuk();
initMoj();

// A print button for pages families keep (inline handlers are not allowed by the CSP).
for (const button of document.querySelectorAll('[data-module="hearth-print"]')) {
  button.addEventListener('click', () => window.print());
}
