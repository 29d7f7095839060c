import type { Discovery } from '../discovery/discovery';
import { DiscoveryMode } from '../discovery/discovery';
import { invalidProp } from '../private/validation';

/** Checks a service's own `serviceConnectTls` against its discovery and port (`prop` is the service's prop path). */
export function validateServiceConnectTls(prop: string, own: boolean | undefined, discovery: Discovery, containerPort: number | undefined): void {
  if (own !== true) return;
  if (containerPort === undefined) {
    throw invalidProp(`${prop}.serviceConnectTls`, 'is true, but the service has no `containerPort`: TLS protects the endpoint a service publishes, and it publishes none', true,
      'Set `containerPort`, or remove `serviceConnectTls` (a service without a port calls TLS services without it).');
  }
  if (discovery.mode !== DiscoveryMode.SERVICE_CONNECT) {
    throw invalidProp(`${prop}.serviceConnectTls`, `is true, but the service's discovery is ${discovery.mode}, not Service Connect`, true,
      'Use `Discovery.serviceConnect()`, or remove `serviceConnectTls` (Cloud Map callers reach the task directly: encrypt in the application).');
  }
}
