import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Discovery } from '../discovery/discovery';
import { DiscoveryMode } from '../discovery/discovery';
import { invalidProp } from '../private/validation';
import type { RoutingOptions } from '../routing/routing-options';
import type { NetworkService } from '../services/network-service';
import type { NamedPortOptions } from '../services/port-options';

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

/** What `validateServiceConnectToTls` reads of a service: its ports, how they are routed and published. */
export interface PublishedPorts {
  readonly prop: string;
  readonly containerPort?: number;
  readonly routing?: RoutingOptions;
  readonly discovery: Discovery;
  readonly additionalPorts: readonly NamedPortOptions[];
  /** The task ports that Network Load Balancer listeners open TLS to (`tlsToTargets`). */
  readonly tlsTargetPorts: readonly number[];
}

/**
 * Throws when Service Connect speaks HTTP (an `appProtocol`) to a port that serves TLS (an HTTPS
 * route's target, or a `tlsToTargets` listener's): the proxy beside the task sends it plain HTTP,
 * which a TLS server refuses. Without `appProtocol` the proxy passes the callers' bytes (their TLS) through.
 */
export function validateServiceConnectToTls(s: PublishedPorts): void {
  const published = [
    ...(s.discovery.mode === DiscoveryMode.SERVICE_CONNECT && s.containerPort !== undefined
      ? [{ prop: `${s.prop}.discovery.appProtocol`, port: s.containerPort, appProtocol: s.discovery._serviceConnect?.appProtocol, routing: s.routing }]
      : []),
    ...s.additionalPorts.map((p, i) => ({ prop: `${s.prop}.additionalPorts[${i}].appProtocol`, port: p.containerPort, appProtocol: p.discoverable ? p.appProtocol : undefined, routing: p.routing })),
  ];
  for (const p of published.filter(x => x.appProtocol !== undefined)) {
    const https = p.routing !== undefined && p.routing.protocol === elbv2.ApplicationProtocol.HTTPS;
    if (!https && !s.tlsTargetPorts.includes(p.port)) continue;
    throw invalidProp(p.prop, `is ${p.appProtocol!.value}: the Service Connect proxy sends plain HTTP to port ${p.port}, which serves TLS ` +
      `(${https ? 'an HTTPS route\'s target' : 'a `tlsToTargets` listener\'s target'})`, p.appProtocol!.value,
    'Remove `appProtocol` (the proxy then passes the callers\' TLS through), or publish Service Connect on a plain port of its own (`additionalPorts` with `discoverable`).');
  }
}

/**
 * The calls to Cloud Map services as errors, for `encryptionInTransit.required`: a caller reaches a
 * Cloud Map service's task directly, and nothing of the network encrypts the call.
 */
export function cloudMapCallErrors(services: readonly NetworkService[]): string[] {
  return services.flatMap(caller => [...caller._parts.calledPorts.keys()]
    .filter(callee => callee.discovery.mode === DiscoveryMode.CLOUD_MAP)
    .map(callee => invalidProp(`${caller.serviceName}.${caller._plan.calls.callees.includes(callee.serviceName) ? 'connectsTo' : 'connectTo()'}`,
      `calls \`${callee.serviceName}\`, which is discovered through Cloud Map: the call goes to the task directly and the network does not encrypt it, ` +
      'which `encryptionInTransit.required` forbids', callee.serviceName,
      `Use \`discovery: Discovery.serviceConnect()\` for \`${callee.serviceName}\` (its endpoint then uses Service Connect TLS).`).message));
}
