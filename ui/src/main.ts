import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { configureApiClient } from './api/client';
import { currentLocale, i18n } from './i18n';
import { router, updateTitle } from './router';
import { useSessionStore } from './stores/session';
import './styles.css';
import { installA11yFixes } from './a11y';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router);

const session = useSessionStore(pinia);
configureApiClient({
  language: currentLocale,
  unauthorized: () => {
    // The session expired or was closed elsewhere: back to the login page, then back here.
    const wasSignedIn = session.signedIn;
    session.forget();
    const here = router.currentRoute.value;
    if (!here.meta.public) {
      void router.push({ name: 'login', query: { redirect: here.fullPath, ...(wasSignedIn ? { expired: '1' } : {}) } });
    }
  },
});

watch(i18n.global.locale, () => updateTitle());

app.mount('#app');
installA11yFixes();
