import { DiscoveryMode } from '../discovery/discovery';
import { serviceConnectPlaintext } from '../discovery/discovery-flows';
import { FlowEncryption } from '../flows/flow';
import type { FlowSetting } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import { invalidProp } from '../private/validation';
import type { NetworkService } from '../services/network-service';

/**
 * The plaintext flows of a network, as error messages that name the setting of each and what to do:
 * for `encryptionInTransit.required`. A flow the network cannot see (a Cloud Map call, egress on a port
 * other than 443) and the port-80 redirect of an HTTPS listener are not errors. A Service Connect
 * endpoint without TLS is one even before any service calls it.
 */
export function plaintextErrors(flows: NetworkFlows, services: NetworkService[]): string[] {
  const settings = [
    ...flows.all.filter(f => f.encryption === FlowEncryption.PLAINTEXT).flatMap(f => f.plaintextBecause ?? []),
    ...services.filter(s => s.discovery.mode === DiscoveryMode.SERVICE_CONNECT && !s.serviceConnectTls)
      .map(s => serviceConnectPlaintext(s.serviceName)),
  ];
  // several flows share a setting (one listener, many clients): one error each
  return [...new Set(settings.map(messageOf))];
}

function messageOf(s: FlowSetting): string {
  return invalidProp(s.prop, `${s.problem}, which \`encryptionInTransit.required\` forbids`, s.value, s.fix).message;
}
