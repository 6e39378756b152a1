// Screen-size breakpoints shared by the shell: below a tablet's width the navigation is a drawer
// and the header's actions fold into the user menu. One media query, read once per app.
import { readonly, ref } from 'vue';

/** Phones and narrow windows; the same width as the `@media (max-width: 767.98px)` rules in styles.css. */
export const PHONE_QUERY = '(max-width: 767.98px)';

const phone = ref(false);
let watching = false;

function watchQuery(): void {
  if (watching || typeof window === 'undefined' || !window.matchMedia) return;
  watching = true;
  const query = window.matchMedia(PHONE_QUERY);
  phone.value = query.matches;
  query.addEventListener('change', (e) => {
    phone.value = e.matches;
  });
}

export function useViewport() {
  watchQuery();
  return { isPhone: readonly(phone) };
}
