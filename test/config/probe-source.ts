import { defineSettings } from '../../src/config/define.js';
import { gitlabUrl } from '../../src/config/urls.js';
import { list, matching, scalar } from '../../src/config/values.js';
import type { Ownership, Source } from '../../src/domain/index.js';
import { awsSource } from '../../src/sources/aws/index.js';
import { costSource } from '../../src/sources/cost/index.js';
import { createRegistry } from '../../src/sources/registry.js';
import type { SourceModule } from '../../src/sources/types.js';

/**
 * A small source of the tests' own, registered through the public API: a URL, a secret token that
 * may come from a file, and groups that switch it on. It proves that a source's rows reach the
 * loader, the YAML layout, the `_FILE` variants, secret scrubbing and the generated tables.
 */
export interface ProbeSettings {
  url: string;
  token?: string;
  groups: string[];
  syncInstance: string;
}

export const PROBE_SETTINGS = defineSettings({
  id: 'probe',
  title: 'probe source',
  rows: {
    PROBE_URL: {
      yamlKey: 'probe.url',
      default: 'https://probe.example.com',
      description: 'Root URL of the probed service; the token is sent there, so plain http only on a loopback host.',
      schema: gitlabUrl,
    },
    PROBE_TOKEN: {
      yamlKey: 'probe.token',
      secret: true,
      fromFile: true,
      description: 'Token of the probed service; required when the probe source runs.',
      schema: scalar.optional(),
    },
    PROBE_GROUPS: {
      yamlKey: 'probe.groups',
      description: 'Group paths to probe; required when the probe source runs.',
      schema: list(matching(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a group path (e.g. acme/payments)')).prefault([]),
    },
  },
  enabledBy: ['PROBE_GROUPS'],
  requires: [{ env: 'PROBE_TOKEN' }, { env: 'PROBE_GROUPS' }],
  read: (v, core): ProbeSettings => ({ url: v.PROBE_URL, token: v.PROBE_TOKEN, groups: v.PROBE_GROUPS, syncInstance: core.syncInstance }),
});

export const PROBE_OWNS: Ownership = { probeThing: { mode: 'define', title: true, properties: ['url'], relations: [] } };

export const probeSource: SourceModule<ProbeSettings> = {
  id: 'probe',
  owns: PROBE_OWNS,
  settings: PROBE_SETTINGS,
  create: (settings): Source => ({
    id: 'probe',
    owns: PROBE_OWNS,
    collect: async () => ({
      fragments: settings.groups.map((group) => ({
        blueprint: 'probeThing',
        identifier: group,
        scope: `probe:${group}`,
        properties: { url: settings.url },
      })),
      scopes: settings.groups.map((group) => ({ scope: `probe:${group}`, complete: true })),
      findings: [],
    }),
  }),
};

/** The built-in sources and the probe. */
export const WITH_PROBE = createRegistry([awsSource, costSource, probeSource]);
