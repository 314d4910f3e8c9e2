/**
 * A local Kubernetes API server over HTTPS speaking the apps/v1 lists the kubernetes source calls,
 * over workloads held in memory: the demo's cluster and the tests' (which judge tokens, inject
 * failures and read what reached it). Read-only, loopback only.
 */
export { loopbackCertificate, type LoopbackCertificate } from './certificate.js';
export {
  FAKE_K8S_TOKEN,
  KubernetesSandbox,
  startKubernetesSandbox,
  type KubernetesSandboxOptions,
  type RecordedRequest,
  type TokenVerdict,
} from './server.js';
export type { SandboxWorkload } from './workloads.js';
