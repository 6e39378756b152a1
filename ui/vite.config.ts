import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist');

/**
 * Writes `.br` and `.gz` beside every text asset once the build is done, so the API serves them
 * precompressed (serveStatic's `precompressed`) at brotli's best level, which is too slow to run
 * per request. Node's own zlib does it in a few lines; no plugin needed for that.
 */
function precompress(): Plugin {
  const compressible = /\.(js|css|html|svg|json|txt)$/;
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return {
    name: 'cauce-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!compressible.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [vue(), precompress()],
  define: {
    // Composition API only: drops vue-i18n's legacy API from the bundle.
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Fewer, steadier chunks: the framework and the component library change rarely and are
        // cached apart from our code; small shared pieces of ours travel together instead of
        // arriving in waves of tiny files.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 30 },
            { name: 'naive-ui', test: /node_modules[\\/](naive-ui|vueuc|vooks|seemly|css-render|@css-render|evtd|treemate|vdirs|date-fns|date-fns-tz|async-validator|lodash-es|@juggle|highlight\.js)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
            // The CPI workspace's pages travel together: a CPI operator opens them all, nobody else any.
            // Its dashboard card too: it uses the CPI's components, and left in `shared` (the
            // Riepilogo and La mia scrivania both import it) it made the two chunks import each
            // other, which broke the app's start ("Z is not a function").
            { name: 'cpi', test: /ui[\\/]src[\\/](pages[\\/](Cpi\w*|PriorityLists?|Appointments|SkillsAssessments?|AdminTrainingCatalogue)Page\.vue|components[\\/](cpi|skills-assessments)[\\/]|components[\\/]dashboard[\\/]DashboardAppointmentsCard\.vue)/, priority: 8, includeDependenciesRecursively: false },
            // The placement agency's pages (offers, the SEPE file, the cards catalogue) likewise; the
            // active-offers dashboard card stays apart, for the reason above.
            { name: 'empleo', test: /ui[\\/]src[\\/](pages[\\/](JobOffers?|SepeFile|AdminProfessionalCards)Page\.vue|components[\\/]job-offers[\\/](?!Dashboard)|components[\\/]sepe[\\/])/, priority: 8, includeDependenciesRecursively: false },
            { name: 'shared', test: /ui[\\/]src[\\/](components|composables|api|i18n|stores)[\\/]/, minShareCount: 2, minSize: 20_000, priority: 5 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
