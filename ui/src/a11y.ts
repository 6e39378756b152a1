// Fixes to naive-ui's markup that its props cannot reach, applied once for the whole app as
// components render (a MutationObserver), rather than page by page:
//  - a card's header is `role="heading"` twice over (header and title) with no level: the title
//    becomes a level-2 heading, its wrapper a plain element (axe: aria-required-attr);
//  - a table's row-selection checkbox points aria-labelledby at a label it never renders: it is
//    named after its row (axe: aria-toggle-field-name);
//  - a select's search input has no label: it takes the field's label or placeholder (axe: label);
//  - an upload's hidden file input and a number field's +/− buttons get names (axe: label, button-name).
import { i18n } from './i18n';

const t = (key: string, named?: Record<string, unknown>) => (named ? i18n.global.t(key, named) : i18n.global.t(key));
const named = (el: Element) => el.hasAttribute('aria-label') || (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => id && document.getElementById(id)?.textContent?.trim());

function fix(root: ParentNode): void {
  for (const el of root.querySelectorAll('.n-card-header[role="heading"]')) el.removeAttribute('role');
  for (const el of root.querySelectorAll('.n-card-header__main[role="heading"]:not([aria-level])')) el.setAttribute('aria-level', '2');

  for (const box of root.querySelectorAll('.n-data-table [role="checkbox"]')) {
    if (named(box)) continue;
    const row = box.closest('tr');
    const inHeader = box.closest('thead');
    const rowText = row?.querySelector('td:not(.n-data-table-td--selection)')?.textContent?.trim();
    box.setAttribute('aria-label', inHeader || !rowText ? t('shell.selectAll') : t('shell.selectRow', { row: rowText.slice(0, 60) }));
  }

  for (const input of root.querySelectorAll<HTMLInputElement>('input.n-base-selection-input, .n-base-selection input')) {
    if (input.labels?.length || named(input)) continue;
    const selection = input.closest('.n-base-selection');
    const fieldId = input.id?.replace(/-input$/, '');
    const label =
      (fieldId && document.querySelector(`label[for="${CSS.escape(fieldId)}"]`)?.textContent?.trim()) ||
      selection?.closest('.n-form-item')?.querySelector('.n-form-item-label')?.textContent?.trim() ||
      selection?.getAttribute('aria-label') ||
      selection?.querySelector('.n-base-selection-placeholder')?.textContent?.trim() ||
      selection?.closest('[aria-label]')?.getAttribute('aria-label');
    if (label) input.setAttribute('aria-label', label);
  }

  for (const input of root.querySelectorAll<HTMLInputElement>('.n-upload input[type="file"]')) {
    if (input.labels?.length || named(input)) continue;
    const text = input.closest('.n-upload')?.querySelector('.n-upload-trigger')?.textContent?.trim();
    input.setAttribute('aria-label', text || t('shell.chooseFile'));
  }

  for (const field of root.querySelectorAll('.n-input-number')) {
    const [minus, plus] = field.querySelectorAll('.n-input__suffix .n-button');
    if (minus && !named(minus)) minus.setAttribute('aria-label', t('shell.decrease'));
    if (plus && !named(plus)) plus.setAttribute('aria-label', t('shell.increase'));
  }
}

export function installA11yFixes(): void {
  fix(document);
  let queued = false;
  new MutationObserver(() => {
    // One pass per frame, however many nodes a render added.
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      fix(document);
    });
  }).observe(document.body, { childList: true, subtree: true });
}
