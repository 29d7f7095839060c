import { Token } from 'aws-cdk-lib';
import type * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { DiscoveryMode } from './discovery';
import type { AddressFamily, Flow } from '../flows/flow';
import { FlowCarrier, FlowEncryption, FlowEndKind, tcp } from '../flows/flow';
import type { NetworkFlows } from '../flows/network-flows';
import { ReachabilityKind } from '../report/report-types';
import type { NetworkService } from '../services/network-service';

/**
 * The declared calls: each caller to each port of its callee, with how it finds it (in `family`, the
 * tasks' address family). Service Connect without TLS is plaintext; a Cloud Map call is whatever the
 * application sends, which the network cannot see.
 */
export function writeDiscoveryFlows(flows: NetworkFlows, services: NetworkService[], namespace: cloudmap.INamespace, family: AddressFamily): void {
  flows.add('calls', ...services.flatMap(caller => caller.callees.flatMap(callee => caller._calledPorts(callee)
    .map(portName => callFlow(caller, callee, portName, namespace, family)))));
}

/** One declared call: the caller to one port of its callee (`portName`; its main port without one), as the callee is found. */
export function callFlow(caller: NetworkService, callee: NetworkService, portName: string | undefined, namespace: cloudmap.INamespace,
  family: AddressFamily): Flow {
  const namespaceName = namespace.namespaceName;
  const named = callee.additionalPorts.find(p => p.name === portName);
  const serviceConnect = named !== undefined || callee.discovery.mode === DiscoveryMode.SERVICE_CONNECT;
  const tls = callee.serviceConnectTls ? ' (TLS)' : '';
  let detail = `Cloud Map DNS ${callee.discoveryName}.${Token.isUnresolved(namespaceName) ? '<namespace>' : namespaceName}`;
  if (named) detail = `Service Connect ${callee.discoveryName}-${named.name}:${named.containerPort}${tls}`;
  else if (serviceConnect) detail = `Service Connect ${callee.discoveryName}:${callee.discovery._serviceConnect?.port ?? callee.containerPort}${tls}`;
  let encryption = serviceConnect ? FlowEncryption.PLAINTEXT : FlowEncryption.OPAQUE;
  if (callee.serviceConnectTls) encryption = FlowEncryption.TLS;
  return {
    kind: ReachabilityKind.CALL,
    source: { kind: FlowEndKind.SERVICE, name: caller.serviceName },
    destination: { kind: FlowEndKind.SERVICE, name: callee.serviceName },
    traffic: [tcp(named ? named.containerPort : callee.containerPort!)],
    family,
    encryption,
    carrier: serviceConnect ? FlowCarrier.SERVICE_CONNECT : FlowCarrier.CLOUD_MAP,
    detail,
    plaintextBecause: encryption === FlowEncryption.PLAINTEXT ? serviceConnectPlaintext(callee.serviceName) : undefined,
  };
}

/** Why a Service Connect endpoint is plaintext: the service turned TLS off (or the network never turned it on). */
export function serviceConnectPlaintext(serviceName: string) {
  return {
    prop: `${serviceName}.serviceConnectTls`,
    problem: 'is false: its Service Connect endpoint is plaintext',
    value: false,
    fix: 'Remove `serviceConnectTls: false` (the network\'s default is TLS when `required` is on).',
  };
}
