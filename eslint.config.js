// Few rules, each guarding something that breaks for real: import boundaries between the rooms
// (README, "Where things live"), determinism of workflow code, and no console in workflows and
// activities. Formatting is not linted. scripts/check-layers.mjs (run by `npm run lint`) resolves
// every import and checks that no folder reaches up into one above it.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

/** A relative import that climbs into one of these top-level folders. */
const into = (...folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const nodeBuiltins = `^(node:|(${builtinModules.join('|')})(/|$))`;

/** `@typescript-eslint/no-restricted-imports` with one message per forbidden pattern. */
const boundaries = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

const deny = (regex, message, extra = {}) => ({ regex, message, ...extra });

export default [
  // Disable comments written for rules this config does not turn on are not errors.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['node_modules/', 'dist/', 'ui/dist/', '.data/', '.tools/', 'db/migrations/', 'test/histories/*.json'] },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  ...pluginVue.configs['flat/essential'].map((c) => ({ ...c, files: ['ui/src/**/*.vue'] })),
  {
    files: ['ui/src/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },

  // ---- boundaries ------------------------------------------------------------------------------
  {
    files: ['domain/**/*.ts'],
    rules: boundaries(
      deny(into('api', 'activities', 'workflows', 'db', 'platform', 'launch', 'security', 'documents', 'support', 'ui', 'test', 'bench', 'scripts'), 'domain/ holds plain rules: it imports only domain/.'),
      deny(nodeBuiltins, 'domain/ runs in the workflow bundle and the browser: no Node modules.'),
      deny('^(pdf-lib|qrcode|drizzle-orm|postgres|@temporalio/)', 'domain/ imports no database, PDF or Temporal libraries (documents/ renders PDFs).'),
    ),
  },
  {
    files: ['workflows/**/*.ts'],
    rules: boundaries(
      deny(into('api', 'db', 'platform', 'launch', 'security', 'documents', 'support', 'ui', 'test', 'bench', 'scripts'), 'workflows/ imports only workflows/, domain/ and the Temporal workflow SDK.'),
      deny(into('activities'), 'Workflows import activities as types only (proxyActivities<typeof ...>).', { allowTypeImports: true }),
      // @temporalio/common is the workflow SDK's own deterministic half (search attribute keys, update types).
      deny('^(?!\\.|@temporalio/workflow$|@temporalio/common$)', 'workflows/ imports only workflows/, domain/ and @temporalio/workflow: everything else may do I/O.'),
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: boundaries(deny(into('api', 'activities', 'workflows', 'platform', 'launch', 'security', 'documents', 'support', 'ui', 'test', 'bench', 'scripts'), 'db/ imports only db/ and domain/.')),
  },
  {
    files: ['security/**/*.ts'],
    rules: boundaries(deny(into('api', 'activities', 'workflows', 'db', 'platform', 'launch', 'documents', 'support', 'ui', 'test', 'bench', 'scripts'), 'security/ imports only domain/.')),
  },
  {
    files: ['documents/**/*.ts'],
    rules: boundaries(
      deny(into('api', 'activities', 'platform', 'launch', 'security', 'support', 'ui', 'test', 'bench', 'scripts'), 'documents/ imports only db/ and domain/.'),
      deny(into('workflows'), 'documents/ may name workflow types, not run workflow code.', { allowTypeImports: true }),
    ),
  },
  {
    files: ['platform/**/*.ts'],
    rules: boundaries(deny(into('api', 'activities', 'launch', 'security', 'documents', 'support', 'ui', 'test', 'bench', 'scripts'), 'platform/ holds adapters: it imports only db/, domain/ and workflow definitions; launchers live in launch/.')),
  },
  {
    files: ['activities/**/*.ts'],
    rules: boundaries(
      deny(into('api', 'launch', 'support', 'ui', 'test', 'bench', 'scripts'), 'activities/ imports no API, launcher or test code.'),
      deny(into('platform'), 'Activities get adapters as dependencies (activities/deps.ts): types only.', { allowTypeImports: true }),
    ),
  },
  {
    files: ['api/**/*.ts'],
    rules: boundaries(
      deny(into('launch', 'support', 'ui', 'test', 'bench', 'scripts'), 'api/ imports no launcher or test code.'),
      deny(into('activities'), 'api/ does not load activity code: shared helpers live in db/, security/, documents/.', { allowTypeImports: true }),
    ),
  },
  {
    files: ['launch/**/*.ts', 'support/**/*.ts'],
    rules: boundaries(deny(into('ui', 'test', 'bench', 'scripts'), 'Launchers and shared support import no test, bench or script code.')),
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    rules: boundaries(deny(into('test', 'ui'), 'bench/ and scripts/ share helpers with tests through support/, never test/.')),
  },
  {
    files: ['ui/src/**/*.ts', 'ui/src/**/*.vue'],
    rules: boundaries(
      deny(into('workflows', 'db', 'activities', 'platform', 'launch', 'security', 'documents', 'support', 'test', 'bench', 'scripts'), 'The UI takes only types from the server side.', { allowTypeImports: true }),
      // Exceptions, named: pure files (no imports of their own) the browser must run exactly as the
      // server does, instead of a copy: SMS segment counting, which must count as the server
      // charges while people type, and the one date formatter (issue 10: UI, emails and PDFs write
      // dates alike) with the time-zone arithmetic it needs; the CV's code lists (issue 14), so the
      // forms offer exactly the codes the API accepts.
      deny('^(\\.\\./)+domain/(?!sms-segments$|dates$|working-days$|employment-cv$)', 'The UI takes only types from the server side.', { allowTypeImports: true }),
      deny('^(\\.\\./)+domain$', 'The UI takes only types from the server side.', { allowTypeImports: true }),
      // ui/src/api is the UI's own client; three levels up is the server's api/.
      deny('^(\\.\\./){3,}api(/|$)', 'The UI takes only types from the server side.', { allowTypeImports: true }),
    ),
  },

  // ---- workflow determinism and logging ---------------------------------------------------------
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Workflow code is replayed: time comes from the workflow (sleep, condition, new Date() in workflow context).' },
        { object: 'Math', property: 'random', message: 'Workflow code is replayed: no randomness (use the SDK’s uuid4 or an id from the input).' },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() or condition(fn, timeout) from @temporalio/workflow.' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'activities/**/*.ts'],
    rules: { 'no-console': 'error' },
  },

  // ---- Vue: the style guide's rules that eslint-plugin-vue checks ---------------------------------
  {
    files: ['ui/src/**/*.vue'],
    rules: {
      'vue/multi-word-component-names': ['error', { ignores: ['App'] }],
    },
  },
  {
    // Its `senderUnitId` ref shadows the prop of that name (works, but reads ambiguously): the UI
    // owner renames it, then this exception goes.
    files: ['ui/src/components/CommunicationEditor.vue', 'ui/src/components/ventanilla/CommunicationEditor.vue'],
    rules: { 'vue/no-dupe-keys': 'off' },
  },
];
