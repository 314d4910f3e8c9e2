import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The import directions of DESIGN.md section 2, as lint rules: a relative import that climbs into a
 * room it must not reach fails `npm run lint`. `rooms` are folders under src/.
 */
const into = (...rooms) => ({
  regex: `^(\\.\\./)+(${rooms.join('|')})(/|\\.js$)`,
  message: `this room must not import ${rooms.join(', ')} (DESIGN.md section 2)`,
});
const sourceFolders = readdirSync(new URL('./src/sources/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const restrict = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/', '.bench-build/', 'node_modules/', 'coverage/', '.tools/', '.ci-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  restrict(['src/domain/**'], {
    regex: '^\\.\\./',
    message: 'domain/ is the shared contract: it imports nothing of ours (DESIGN.md section 2)',
  }),
  restrict(['src/catalog/**'], into('sources', 'port', 'sync', 'session')),
  restrict(['src/port/**'], into('sync', 'session')),
  restrict(['src/sandbox/**'], into('sync', 'sources', 'session')),
  restrict(['src/gitlab-sandbox/**'], into('sync', 'sources', 'session', 'port', 'catalog', 'sandbox')),
  restrict(['src/k8s-sandbox/**'], into('sync', 'sources', 'session', 'port', 'catalog', 'sandbox', 'gitlab-sandbox')),
  restrict(['src/sources/*.ts'], into('port', 'sync', 'catalog', 'session', 'commands')),
  ...sourceFolders.map((name) =>
    restrict([`src/sources/${name}/**`], into('port', 'sync', 'catalog', 'session', 'commands'), {
      regex: `^\\.\\./(?!${name}/)[^./][^/]*/`,
      message: `a source never imports another source's folder; share through domain/ or aws/ (DESIGN.md section 2)`,
    }),
  ),
);
